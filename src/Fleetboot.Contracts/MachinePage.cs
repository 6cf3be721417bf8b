namespace Fleetboot.Contracts;

/// <summary>One page of <c>GET /api/v1/machines</c>; <see cref="Total"/> counts every match of the filters.</summary>
public sealed record MachinePage(IReadOnlyList<MachineDto> Items, int Total, int Offset, int Limit);
