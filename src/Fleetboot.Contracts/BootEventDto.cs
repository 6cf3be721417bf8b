namespace Fleetboot.Contracts;

/// <summary>One step on the boot timeline: a DHCP exchange, a TFTP transfer, an HTTP request, a callback, a change of state.</summary>
/// <param name="Id">Grows with every stored event; the Server-Sent Events id.</param>
/// <param name="MachineId">The machine the event belongs to; null for a request nobody could be matched to.</param>
/// <param name="Kind">Dotted name such as <c>http.ipxe</c>, <c>http.asset</c>, <c>callback.progress</c> or <c>state</c>.</param>
/// <param name="Source">The client's address as seen on the wire; <c>fleetboot</c> for changes Fleetboot made itself.</param>
/// <param name="Outcome">Short result such as <c>ok</c>, <c>not-found</c>, <c>render-error</c>; for <c>state</c> events the new state.</param>
/// <param name="Data">Structured details (path, status, phase, percent, from, to...).</param>
public sealed record BootEventDto(
    long Id,
    DateTimeOffset Time,
    string? MachineId,
    string? Mac,
    string Kind,
    string Source,
    string Outcome,
    string Message,
    IReadOnlyDictionary<string, string>? Data);
