using System.Text.Json.Nodes;

namespace Fleetboot.Core.Groups;

/// <summary>Sends the machines that match all its selectors to a profile. No selectors: the default group.</summary>
public sealed record Group
{
    public required string Id { get; init; }
    public string? Description { get; init; }
    public required string ProfileId { get; init; }

    /// <summary>Keys: mac, uuid, hostname, serial, arch, firmware, role, or any label name.</summary>
    public IReadOnlyDictionary<string, string> Selectors { get; init; } = Empty;
    public JsonObject? Metadata { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
