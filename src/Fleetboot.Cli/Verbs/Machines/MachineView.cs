using System.Globalization;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary>How machines look in tables.</summary>
internal static class MachineView
{
    public static void Show(CliOutput output, MachineDto m) =>
        output.JsonOrFields(m, CliOutput.Json.MachineDto, () =>
        [
            ("id", m.Id),
            ("hostname", m.Hostname),
            ("macs", string.Join(", ", m.Macs)),
            ("state", Wire.Name(m.State)),
            ("state reason", m.StateReason),
            ("phase", Phase(m)),
            ("in state since", m.StateChangedAt is { } changed ? $"{changed.ToString("u", CultureInfo.InvariantCulture)} ({Since(changed, DateTimeOffset.UtcNow)})" : null),
            ("last activity", m.LastActivityAt?.ToString("u", CultureInfo.InvariantCulture)),
            ("netboot", m.Netboot),
            ("local boot", m.LocalBoot),
            ("loader", m.Loader),
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
            ("updated", m.UpdatedAt.ToString("u", CultureInfo.InvariantCulture)),
        ]);

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

    /// <summary><c>packages 40%</c>, <c>packages</c>, <c>40%</c> or empty.</summary>
    public static string? Phase(MachineDto m) => (m.Phase, m.Percent) switch
    {
        (null, null) => null,
        ({ } phase, null) => phase,
        (null, { } percent) => $"{percent}%",
        ({ } phase, { } percent) => $"{phase} {percent}%",
    };

    /// <summary>A short duration: <c>42s</c>, <c>5m 03s</c>, <c>2h 07m</c>, <c>3d 04h</c>.</summary>
    public static string Since(DateTimeOffset from, DateTimeOffset now)
    {
        var d = now - from;
        if (d < TimeSpan.Zero) d = TimeSpan.Zero;
        return d.TotalMinutes < 1 ? $"{(int)d.TotalSeconds}s"
            : d.TotalHours < 1 ? $"{(int)d.TotalMinutes}m {d.Seconds:00}s"
            : d.TotalDays < 1 ? $"{(int)d.TotalHours}h {d.Minutes:00}m"
            : $"{(int)d.TotalDays}d {d.Hours:00}h";
    }

    public static string Labels(IReadOnlyDictionary<string, string> labels) =>
        string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
