using System.CommandLine;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary>
/// <c>fleetboot machines set REF [--role R] [--label k=v] [--remove-label k] ...</c>: changes only the fields given.
/// <c>--mac</c> and <c>--feature</c> replace their lists; <c>--label</c> adds or overwrites labels; an empty value clears a field.
/// </summary>
internal static class MachinesSetCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("REF") { Description = "machine id, MAC address or host name" };
        var options = new MachineOptions();
        var removeLabels = new Option<string[]>("--remove-label") { Description = "drop this label (repeatable)", HelpName = "KEY" };
        var command = new Command("set", "change fields of a machine (the others keep their values)");
        command.Arguments.Add(reference);
        options.AddTo(command);
        command.Options.Add(removeLabels);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var target = parse.GetRequiredValue(reference);
            var m = await context.Client.GetMachineAsync(target, ct);
            var labels = new Dictionary<string, string>(m.Labels, StringComparer.Ordinal);
            foreach (var key in parse.GetValue(removeLabels) ?? []) labels.Remove(key);
            foreach (var (key, value) in KeyValues.Parse(parse.GetValue(options.Labels), "--label")) labels[key] = value;
            var macs = parse.GetValue(options.Macs) is { Length: > 0 } newMacs ? newMacs : m.Macs.ToArray();
            var features = parse.GetValue(options.Features) is { Length: > 0 } newFeatures ? newFeatures : m.Features.ToArray();
            var request = new MachineRequest
            {
                Macs = macs,
                Hostname = Pick(parse, options.Hostname, m.Hostname),
                Role = Pick(parse, options.Role, m.Role),
                Arch = Pick(parse, options.Arch, Wire.Name(m.Arch)),
                Firmware = Pick(parse, options.Firmware, m.Firmware is { } f ? Wire.Name(f) : null),
                Features = features,
                Labels = labels,
                Profile = Pick(parse, options.Profile, m.Profile),
                Uuid = Pick(parse, options.Uuid, m.Uuid?.ToString()),
                Serial = Pick(parse, options.Serial, m.Serial),
                StaticIp = Pick(parse, options.Ip, m.StaticIp),
                Metadata = parse.GetValue(options.Metadata) is { } metadata ? JsonArgument.Parse(metadata, "--metadata") : m.Metadata,
                Specs = parse.GetValue(options.Specs) is { } specs ? JsonArgument.Parse(specs, "--specs") : m.Specs,
                Netboot = Pick(parse, options.Netboot, m.Netboot),
                LocalBoot = Pick(parse, options.LocalBoot, m.LocalBoot),
                Loader = Pick(parse, options.Loader, m.Loader),
            };
            MachineView.Show(context.Output, await context.Client.ReplaceMachineAsync(m.Id, request, ct));
        });
        return command;
    }

    /// <summary>The option's value when given (empty clears the field), else the current value.</summary>
    private static string? Pick(ParseResult parse, Option<string?> option, string? current)
    {
        if (parse.GetResult(option) is null) return current;
        var value = parse.GetValue(option);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
