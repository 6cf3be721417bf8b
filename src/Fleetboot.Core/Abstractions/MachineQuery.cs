using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Abstractions;

/// <summary>Filters for listing machines; every given filter must match. Results are ordered by hostname, then id.</summary>
public sealed record MachineQuery
{
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public string? Role { get; init; }
    public string? ProfileId { get; init; }
    public MachineState? State { get; init; }
    public int Offset { get; init; }
    public int Limit { get; init; } = 100;
}
