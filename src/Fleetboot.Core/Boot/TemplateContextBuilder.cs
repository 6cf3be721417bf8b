using Fleetboot.Core.Groups;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Profiles;
using Fleetboot.Core.Templates;

namespace Fleetboot.Core.Boot;

/// <summary>
/// Builds the variables a template sees. Top level: profile metadata, then group metadata, then machine metadata, then the
/// request's non-empty query values, each overriding the one before; then the fixed names <c>machine</c>,
/// <c>profile</c>, <c>group</c>, <c>request</c>, <c>server</c>, <c>token</c> and the derived
/// <c>kernelArgs</c>, <c>kernelArgsWithoutInitrd</c>, <c>initrds</c>, <c>initrdList</c> and <c>grub</c>, which nothing overrides.
/// </summary>
internal static class TemplateContextBuilder
{
    public static Dictionary<string, object?> Build(
        TemplateEngine engine, Machine machine, Profile? profile, Group? group, BootRequest request)
    {
        var context = new Dictionary<string, object?>(StringComparer.Ordinal);
        TemplateValues.Merge(context, profile?.Metadata);
        TemplateValues.Merge(context, group?.Metadata);
        TemplateValues.Merge(context, machine.Metadata);
        foreach (var (key, value) in request.Query.Where(q => q.Value.Length > 0)) context[key] = value;

        context["machine"] = MachineValues(machine);
        context["group"] = group is null ? null : new Dictionary<string, object?>
        {
            ["id"] = group.Id,
            ["metadata"] = TemplateValues.From(group.Metadata),
        };
        context["request"] = new Dictionary<string, object?>
        {
            ["query"] = request.Query.ToDictionary(q => q.Key, q => (object?)q.Value),
            ["clientIp"] = request.ClientAddress,
            ["arch"] = request.ParsedArch is { } a ? MachineNames.Of(a) : request.Arch,
            ["firmware"] = request.ParsedFirmware is { } f ? MachineNames.Of(f) : request.Platform,
        };
        context["server"] = new Dictionary<string, object?>
        {
            ["baseUrl"] = request.BaseUrl,
            ["tftpAddress"] = request.TftpAddress,
        };
        context["token"] = machine.Token;
        context["profile"] = null;
        if (profile is not null) AddProfile(context, engine, profile, machine, request);
        return context;
    }

    private static void AddProfile(Dictionary<string, object?> context, TemplateEngine engine, Profile profile, Machine machine, BootRequest request)
    {
        // The profile's own fields are templates over the same variables.
        string? Render(string field, string? text) =>
            text is null ? null : Absolute(engine.Render($"profile {profile.Id} {field}", text, context).Trim(), request.BaseUrl);

        var kernel = Render("kernel", profile.Kernel);
        var initrdUrls = profile.Initrds.Select((t, i) => Render($"initrds[{i}]", t)!).ToList();
        var args = Render("args", profile.Args) ?? "";
        var initrds = InitrdNames(initrdUrls);

        context["profile"] = new Dictionary<string, object?>
        {
            ["id"] = profile.Id,
            ["description"] = profile.Description,
            ["kernel"] = kernel,
            ["initrds"] = initrdUrls,
            ["args"] = args,
            ["rootfs"] = Render("rootfs", profile.Rootfs),
            ["metadata"] = TemplateValues.From(profile.Metadata),
        };
        context["initrds"] = initrds.Select(i => (object?)new Dictionary<string, object?> { ["url"] = i.Url, ["name"] = i.Name }).ToList();
        context["initrdList"] = string.Join(',', initrdUrls);
        var efiInitrds = string.Concat(initrds.Select(i => $" initrd={i.Name}"));
        var fleetbootArgs = $"fleetboot.server={request.BaseUrl} fleetboot.mac={machine.PrimaryMac} fleetboot.token={machine.Token}";
        context["kernelArgs"] = $"{args}{efiInitrds} {fleetbootArgs}".Trim();
        // PXELINUX reads initrd= on its APPEND line as the files to load, before its INITRD line.
        context["kernelArgsWithoutInitrd"] = $"{args} {fleetbootArgs}".Trim();
        context["grub"] = new Dictionary<string, object?>
        {
            ["kernel"] = GrubPaths.From(kernel, request.BaseUrl, request.TftpAddress),
            ["initrds"] = initrdUrls.Select(u => (object?)GrubPaths.From(u, request.BaseUrl, request.TftpAddress)).ToList(),
        };
    }

    private static Dictionary<string, object?> MachineValues(Machine machine) => new(StringComparer.Ordinal)
    {
        ["id"] = machine.Id,
        ["mac"] = machine.PrimaryMac.ToString(),
        ["macDashed"] = machine.PrimaryMac.ToDashed(),
        ["macs"] = machine.Macs.Select(m => (object?)m.ToString()).ToList(),
        ["uuid"] = machine.Uuid?.ToString(),
        ["hostname"] = machine.Hostname,
        ["serial"] = machine.Serial,
        ["ip"] = machine.StaticIp,
        ["arch"] = MachineNames.Of(machine.Arch),
        ["firmware"] = machine.Firmware is { } fw ? MachineNames.Of(fw) : null,
        ["role"] = machine.Role,
        ["labels"] = machine.Labels.ToDictionary(l => l.Key, l => (object?)l.Value, StringComparer.Ordinal),
        ["features"] = machine.Features.Select(f => (object?)f).ToList(),
        ["specs"] = TemplateValues.From(machine.Specs),
        ["metadata"] = TemplateValues.From(machine.Metadata),
        ["profile"] = machine.ProfileId,
        ["state"] = MachineNames.Of(machine.State),
    };

    /// <summary>A path such as <c>/assets/linux</c> is served by us: make it absolute for the loader.</summary>
    private static string Absolute(string value, string baseUrl) =>
        value.StartsWith('/') ? baseUrl + value : value;

    /// <summary>iPXE names each initrd (<c>initrd --name</c>) so that EFI kernels find it by <c>initrd=name</c>.</summary>
    private static List<(string Url, string Name)> InitrdNames(IReadOnlyList<string> urls)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(string, string)>();
        foreach (var url in urls)
        {
            var path = url.Split('?', '#')[0].TrimEnd('/');
            var name = path[(path.LastIndexOf('/') + 1)..];
            if (name.Length == 0) name = "initrd";
            var unique = name;
            for (int n = 2; !used.Add(unique); n++) unique = $"{n}-{name}";
            result.Add((url, unique));
        }
        return result;
    }
}
