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
}
