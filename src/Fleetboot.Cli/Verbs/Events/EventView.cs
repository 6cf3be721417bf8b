using System.Globalization;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Events;

/// <summary>How boot events look: a table, or one fixed-width line each while following.</summary>
internal static class EventView
{
    private static readonly System.Text.CompositeFormat LineFormat = System.Text.CompositeFormat.Parse("{0,-19}  {1,-20}  {2,-18}  {3,-12}  {4}");

    public static string Time(BootEventDto e) => e.Time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static void Table(CliOutput output, IEnumerable<BootEventDto> events, MachineNameCache names) =>
        output.Table(events,
            ("TIME", Time),
            ("MACHINE", e => names.Known(e)),
            ("KIND", e => e.Kind),
            ("OUTCOME", e => e.Outcome),
            ("MESSAGE", Message));

    /// <summary>The message, and how often it repeated when it did.</summary>
    public static string Message(BootEventDto e) =>
        e.Count > 1 && e.LastTime is { } last
            ? $"{e.Message} (x{e.Count}, last {last.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)})"
            : e.Message;

    public static string Header() => string.Format(CultureInfo.InvariantCulture, LineFormat, "TIME", "MACHINE", "KIND", "OUTCOME", "MESSAGE");

    public static string Line(BootEventDto e, string machine) =>
        string.Format(CultureInfo.InvariantCulture, LineFormat, Time(e), machine, e.Kind, e.Outcome, Message(e).ReplaceLineEndings(" "));
}
