using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Catalog;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Profiles;
using Fleetboot.Core.Templates;

namespace Fleetboot.Core.Boot;

/// <summary>Decides what a request gets and renders it: the one place that turns registry, groups and profiles into text.</summary>
public sealed class BootRenderer(IMachineStore machines, CatalogCache catalog, TemplateEngine engine, BootOptions options)
{
    private const string IpxeType = "text/plain; charset=utf-8";
    private readonly RenderMemo _memo = new();

    /// <summary>The chainload script every iPXE first fetches; the same for all machines.</summary>
    public Task<RenderResult> RenderChainAsync(BootRequest request, CancellationToken ct) =>
        RenderForAllAsync(BuiltInTemplates.IpxeChain, request, ct);

    /// <summary>TFTP <c>grub/grub.cfg</c>: the same for all machines, it sends GRUB on to the one named by its MAC.</summary>
    public Task<RenderResult> RenderGrubDispatchAsync(BootRequest request, CancellationToken ct) =>
        RenderForAllAsync(BuiltInTemplates.GrubDispatch, request, ct);

    private async Task<RenderResult> RenderForAllAsync(string template, BootRequest request, CancellationToken ct)
    {
        var snapshot = await catalog.GetAsync(ct);
        var context = new Dictionary<string, object?>
        {
            ["server"] = new Dictionary<string, object?> { ["baseUrl"] = request.BaseUrl, ["tftpAddress"] = request.TftpAddress },
        };
        return RenderTemplate(snapshot, template, context, IpxeType, null);
    }

    public async Task<RenderResult> RenderAsync(BootRequest request, BootArtifact artifact, CancellationToken ct) =>
        await RenderForAsync(await FindMachineAsync(request, ct), request, artifact, ct);

    public async Task<Machine?> FindMachineAsync(BootRequest request, CancellationToken ct)
    {
        if (request.Mac is { } mac && await machines.FindByMacAsync(mac, ct) is { } byMac) return byMac;
        if (request.Uuid is { } uuid) return await machines.FindByUuidAsync(uuid, ct);
        return null;
    }

    /// <summary>Renders for a known machine (the admin preview comes here too) or, with null, for an unknown one.</summary>
    public async Task<RenderResult> RenderForAsync(Machine? machine, BootRequest request, BootArtifact artifact, CancellationToken ct)
    {
        var snapshot = await catalog.GetAsync(ct);
        if (machine is null) return RenderUnknown(snapshot, request, artifact);
        if (machine.State == MachineState.Discovered) return RenderDiscovered(snapshot, machine, request, artifact);

        var key = RenderMemo.KeyOf(request, artifact);
        if (_memo.TryGet(machine, snapshot, key, out var remembered)) return remembered;
        var result = RenderKnown(snapshot, machine, request, artifact);
        _memo.Remember(machine, snapshot, key, result);
        return result;
    }

    private RenderResult RenderKnown(CatalogSnapshot snapshot, Machine machine, BootRequest request, BootArtifact artifact)
    {
        var (group, profileId, profile) = snapshot.ProfileFor(machine, request);
        var name = machine.Hostname ?? machine.PrimaryMac.ToString();
        var isScript = artifact.Kind is BootArtifactKind.Ipxe or BootArtifactKind.Grub or BootArtifactKind.Pxelinux;
        if (isScript && BootDecision.LocalBootReason(machine) is { } localReason)
            return RenderExit(snapshot, request, artifact, localReason, machine.Id, machine.LocalBoot ?? profile?.LocalBoot ?? LocalBootMethod.Exit);
        if (profile is null)
        {
            var reason = profileId is null ? $"no profile or group applies to {name}" : $"profile {profileId} of {name} does not exist";
            return RenderExit(snapshot, request, artifact, reason, machine.Id);
        }

        Dictionary<string, object?> context;
        try
        {
            context = TemplateContextBuilder.Build(engine, machine, profile, group, request);
        }
        catch (TemplateRenderException e)
        {
            return RenderResult.Failed(e.Error, machine.Id);
        }
        return RenderArtifact(snapshot, profile, artifact, context, machine.Id);
    }

    private RenderResult RenderArtifact(CatalogSnapshot snapshot, Profile profile, BootArtifact artifact, Dictionary<string, object?> context, string? machineId)
    {
        switch (artifact.Kind)
        {
            case BootArtifactKind.Config:
                if (!profile.Configs.TryGetValue(artifact.Name, out var config))
                    return RenderResult.NotFound($"profile {profile.Id} has no {artifact.Name} config", machineId);
                return Render($"profile {profile.Id} configs.{artifact.Name}", config, context, ConfigKinds.ContentTypes[artifact.Name], machineId);
            case BootArtifactKind.File:
                if (!profile.Files.TryGetValue(artifact.Name, out var file))
                    return RenderResult.NotFound($"profile {profile.Id} has no file {artifact.Name}", machineId);
                return Render($"profile {profile.Id} files.{artifact.Name}", file, context, "text/plain; charset=utf-8", machineId);
            default:
                if (profile.Kernel is null)
                    return RenderResult.NotFound($"profile {profile.Id} has no kernel to boot", machineId);
                return RenderTemplate(snapshot, ScriptTemplate(artifact.Kind), context, IpxeType, machineId);
        }
    }

    private RenderResult RenderUnknown(CatalogSnapshot snapshot, BootRequest request, BootArtifact artifact)
    {
        var who = request.Mac?.ToString() ?? request.Uuid?.ToString() ?? request.ClientAddress;
        if (artifact.Kind is BootArtifactKind.Config or BootArtifactKind.File)
            return RenderResult.NotFound($"{who} is not a registered machine");

        var stranger = GroupMatcher.Select(snapshot.Groups, null, request);
        if (stranger is not null && snapshot.Profiles.TryGetValue(stranger.ProfileId, out var matched))
            return RenderStranger(snapshot, request, artifact, matched, stranger);

        if (options.UnknownMachine == UnknownMachineAction.Menu && artifact.Kind == BootArtifactKind.Ipxe)
        {
            if (request.Query.TryGetValue("profile", out var chosen) && snapshot.Profiles.TryGetValue(chosen, out var picked))
                return RenderStranger(snapshot, request, artifact, picked, null);
            var context = new Dictionary<string, object?>
            {
                ["server"] = new Dictionary<string, object?> { ["baseUrl"] = request.BaseUrl, ["tftpAddress"] = request.TftpAddress },
                ["profiles"] = snapshot.Profiles.Values.Where(p => p.Kernel is not null).OrderBy(p => p.Id, StringComparer.Ordinal)
                    .Select(p => (object?)new Dictionary<string, object?> { ["id"] = p.Id, ["description"] = p.Description }).ToList(),
            };
            return RenderTemplate(snapshot, BuiltInTemplates.IpxeMenu, context, IpxeType, null);
        }
        return RenderExit(snapshot, request, artifact, $"{who} is not a registered machine", null);
    }

    /// <summary>A machine seen on the wire but not adopted: the discovery profile when one is set, else what unknown machines get.</summary>
    private RenderResult RenderDiscovered(CatalogSnapshot snapshot, Machine machine, BootRequest request, BootArtifact artifact)
    {
        if (options.DiscoveryProfile is null || !snapshot.Profiles.TryGetValue(options.DiscoveryProfile, out var discovery))
            return RenderUnknown(snapshot, request with { Mac = request.Mac ?? machine.PrimaryMac }, artifact);
        try
        {
            var context = TemplateContextBuilder.Build(engine, machine, discovery, null, request);
            return RenderArtifact(snapshot, discovery, artifact, context, machine.Id);
        }
        catch (TemplateRenderException e)
        {
            return RenderResult.Failed(e.Error, machine.Id);
        }
    }

    /// <summary>An unregistered machine that a group's selectors or the menu sent to a profile: it has no id and no token.</summary>
    private RenderResult RenderStranger(CatalogSnapshot snapshot, BootRequest request, BootArtifact artifact, Profile profile, Groups.Group? group)
    {
        if (request.Mac is not { } mac) return RenderExit(snapshot, request, artifact, "the request names no MAC address", null);
        var stranger = new Machine
        {
            Id = "",
            Macs = [mac],
            Uuid = request.Uuid,
            Hostname = request.Hostname,
            Serial = request.Serial,
            Arch = request.ParsedArch ?? CpuArchitecture.X86_64,
            Firmware = request.ParsedFirmware,
            State = MachineState.Discovered,
            Token = "",
        };
        try
        {
            var context = TemplateContextBuilder.Build(engine, stranger, profile, group, request);
            return RenderArtifact(snapshot, profile, artifact, context, null);
        }
        catch (TemplateRenderException e)
        {
            return RenderResult.Failed(e.Error, null);
        }
    }

    private RenderResult RenderExit(CatalogSnapshot snapshot, BootRequest request, BootArtifact artifact, string reason, string? machineId,
        LocalBootMethod method = LocalBootMethod.Exit)
    {
        if (method == LocalBootMethod.Http404) return RenderResult.NotFound(reason, machineId);
        var template = artifact.Kind switch
        {
            BootArtifactKind.Ipxe => BuiltInTemplates.IpxeExit,
            BootArtifactKind.Grub => BuiltInTemplates.GrubExit,
            BootArtifactKind.Pxelinux => BuiltInTemplates.PxelinuxExit,
            _ => null,
        };
        if (template is null) return RenderResult.NotFound(reason, machineId);
        var context = new Dictionary<string, object?>
        {
            ["reason"] = reason,
            ["disk"] = method == LocalBootMethod.Disk,
            ["server"] = new Dictionary<string, object?> { ["baseUrl"] = request.BaseUrl, ["tftpAddress"] = request.TftpAddress },
        };
        return RenderTemplate(snapshot, template, context, IpxeType, machineId);
    }

    private static string ScriptTemplate(BootArtifactKind kind) => kind switch
    {
        BootArtifactKind.Grub => BuiltInTemplates.Grub,
        BootArtifactKind.Pxelinux => BuiltInTemplates.Pxelinux,
        _ => BuiltInTemplates.Ipxe,
    };

    private RenderResult RenderTemplate(CatalogSnapshot snapshot, string name, Dictionary<string, object?> context, string contentType, string? machineId) =>
        Render(name, CatalogCache.TemplateSource(snapshot, name), context, contentType, machineId);

    private RenderResult Render(string name, string source, Dictionary<string, object?> context, string contentType, string? machineId)
    {
        try
        {
            return RenderResult.Ok(engine.Render(name, source, context), contentType, machineId);
        }
        catch (TemplateRenderException e)
        {
            return RenderResult.Failed(e.Error, machineId);
        }
    }
}
