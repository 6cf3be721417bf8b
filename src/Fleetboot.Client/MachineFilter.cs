using Fleetboot.Contracts;

namespace Fleetboot.Client;

/// <summary>Filters and paging for listing machines; every given filter must match.</summary>
public sealed record MachineFilter
{
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public string? Role { get; init; }
    public string? Profile { get; init; }
    public MachineState? State { get; init; }
    public int? Offset { get; init; }
    public int? Limit { get; init; }
}
