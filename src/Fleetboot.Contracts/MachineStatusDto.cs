namespace Fleetboot.Contracts;

/// <summary>One machine in the homelab path <c>GET /api/states</c>.</summary>
/// <param name="Mac">The primary MAC.</param>
/// <param name="State">The lifecycle state, as <see cref="MachineDto.State"/> spells it.</param>
/// <param name="Message">The state's reason or the last progress message.</param>
/// <param name="Updated">When the state last changed, else when the record last changed.</param>
public sealed record MachineStatusDto(string Mac, string? Hostname, string State, string? Phase, int? Percent, string? Message, DateTimeOffset Updated);
