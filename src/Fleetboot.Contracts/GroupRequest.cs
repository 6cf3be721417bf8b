using System.Text.Json.Nodes;

namespace Fleetboot.Contracts;

/// <summary>Body of <c>POST /api/v1/groups</c> (id required) and <c>PUT /api/v1/groups/{id}</c> (id taken from the path).</summary>
public sealed record GroupRequest
{
    public string? Id { get; init; }
    public string? Description { get; init; }

    /// <summary>Id of the profile the matching machines boot.</summary>
    public string? Profile { get; init; }

    /// <summary>Keys: mac, uuid, hostname, serial, arch, firmware, role, or any label name. None: the default group.</summary>
    public IReadOnlyDictionary<string, string> Selectors { get; init; } = new Dictionary<string, string>();
    public JsonObject? Metadata { get; init; }
}
