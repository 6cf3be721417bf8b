namespace Fleetboot.Contracts;

/// <summary>One step on the boot timeline: a DHCP exchange, a TFTP transfer, an HTTP request, a callback, a change of state.</summary>
/// <param name="Id">Grows with every stored event; the Server-Sent Events id.</param>
/// <param name="MachineId">The machine the event belongs to; null for a request nobody could be matched to.</param>
/// <param name="Kind">Dotted name such as <c>http.ipxe</c>, <c>http.asset</c>, <c>callback.progress</c> or <c>state</c>.</param>
/// <param name="Source">The client's address as seen on the wire; <c>fleetboot</c> for changes Fleetboot made itself.</param>
/// <param name="Outcome">Short result such as <c>ok</c>, <c>not-found</c>, <c>render-error</c>; for <c>state</c> events the new state.</param>
/// <param name="Data">Structured details (path, status, phase, percent, from, to...).</param>
/// <remarks>A machine's identical consecutive events are one event: <see cref="Count"/> says how many times it happened.</remarks>
public sealed record BootEventDto(
    long Id,
    DateTimeOffset Time,
    string? MachineId,
    string? Mac,
    string Kind,
    string Source,
    string Outcome,
    string Message,
    IReadOnlyDictionary<string, string>? Data)
{
    /// <summary>How many times the step happened in a row; folded repeats are counted here, not listed again.</summary>
    public int Count { get; init; } = 1;

    /// <summary>When the last repeat happened; null while it happened once.</summary>
    public DateTimeOffset? LastTime { get; init; }
}
