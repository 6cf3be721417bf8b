using System.Text.Json.Nodes;

namespace Fleetboot.Contracts;

/// <summary>A profile as the API returns it.</summary>
public sealed record ProfileDto
{
    public required string Id { get; init; }
    public string? Description { get; init; }
    public string? Kernel { get; init; }
    public IReadOnlyList<string> Initrds { get; init; } = [];
    public string? Args { get; init; }
    public string? Rootfs { get; init; }
    public IReadOnlyDictionary<string, string> Configs { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();
    public JsonObject? Metadata { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
