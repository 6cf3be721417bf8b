using System.Globalization;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary>How machines look in tables.</summary>
internal static class MachineView
{
    public static void Show(CliOutput output, MachineDto m)
    {
        if (output.IsJson)
        {
            output.WriteJson(m, CliOutput.Json.MachineDto);
            return;
        }
        output.Fields(
            ("id", m.Id),
            ("hostname", m.Hostname),
            ("macs", string.Join(", ", m.Macs)),
            ("state", Wire.Name(m.State)),
            ("arch", Wire.Name(m.Arch)),
            ("firmware", m.Firmware is { } f ? Wire.Name(f) : null),
            ("role", m.Role),
            ("profile", m.Profile),
            ("labels", Labels(m.Labels)),
            ("features", string.Join(", ", m.Features)),
            ("uuid", m.Uuid?.ToString()),
            ("serial", m.Serial),
            ("static ip", m.StaticIp),
            ("specs", m.Specs?.ToJsonString()),
            ("metadata", m.Metadata?.ToJsonString()),
            ("created", m.CreatedAt.ToString("u", CultureInfo.InvariantCulture)),
            ("updated", m.UpdatedAt.ToString("u", CultureInfo.InvariantCulture)));
    }

    public static void List(CliOutput output, IEnumerable<MachineDto> machines) =>
        output.Table(machines,
            ("HOSTNAME", m => m.Hostname),
            ("MAC", m => m.Macs.Count > 0 ? m.Macs[0] : null),
            ("ROLE", m => m.Role),
            ("PROFILE", m => m.Profile),
            ("STATE", m => Wire.Name(m.State)),
            ("ARCH", m => Wire.Name(m.Arch)),
            ("LABELS", m => Labels(m.Labels)),
            ("ID", m => m.Id));

    public static string Labels(IReadOnlyDictionary<string, string> labels) =>
        string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
