namespace Fleetboot.Core.Events;

/// <summary>One step of a machine's boot: a DHCP exchange, a TFTP transfer, an HTTP request, a callback.</summary>
/// <param name="Kind">Dotted name of the step, such as <c>tftp.transfer</c> or <c>http.ipxe</c>.</param>
/// <param name="Source">The client's address as seen on the wire.</param>
/// <param name="Mac">The machine's MAC when the request revealed it; the recorder resolves the machine from it or from the source address.</param>
/// <param name="Outcome">Short result such as <c>ok</c>, <c>not-found</c>, <c>timeout</c>.</param>
/// <param name="Data">Structured details (file, bytes, blksize, duration...).</param>
public sealed record BootEvent(
    DateTimeOffset Time,
    string Kind,
    string Source,
    string? Mac,
    string Outcome,
    string Message,
    IReadOnlyDictionary<string, string>? Data = null)
{
    /// <summary>Set by the recorder once the machine is known.</summary>
    public string? MachineId { get; init; }

    /// <summary>Assigned by storage; 0 until stored.</summary>
    public long Id { get; init; }

    /// <summary>How many times the step happened in a row: identical repeats are folded into the first (<see cref="RepeatFolder"/>).</summary>
    public int Count { get; init; } = 1;

    /// <summary>When the last folded repeat happened; null while the step happened once.</summary>
    public DateTimeOffset? LastTime { get; init; }

    /// <summary>Same step: everything but the times, ids and counts is equal.</summary>
    public bool SameStepAs(BootEvent other) =>
        Kind == other.Kind && Source == other.Source && Mac == other.Mac && Outcome == other.Outcome && Message == other.Message
        && MachineId == other.MachineId && SameData(Data, other.Data);

    private static bool SameData(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a.Count != b.Count) return false;
        foreach (var (key, value) in a)
            if (!b.TryGetValue(key, out var other) || other != value) return false;
        return true;
    }
}
