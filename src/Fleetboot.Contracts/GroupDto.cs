using System.Text.Json.Nodes;

namespace Fleetboot.Contracts;

/// <summary>A group as the API returns it.</summary>
public sealed record GroupDto
{
    public required string Id { get; init; }
    public string? Description { get; init; }
    public required string Profile { get; init; }
    public IReadOnlyDictionary<string, string> Selectors { get; init; } = new Dictionary<string, string>();
    public JsonObject? Metadata { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
