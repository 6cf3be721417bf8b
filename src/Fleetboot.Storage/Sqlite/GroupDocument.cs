using System.Text.Json.Nodes;

namespace Fleetboot.Storage.Sqlite;

/// <summary>The group fields stored as the <c>machine_groups.doc</c> JSON column.</summary>
internal sealed record GroupDocument(
    string? Description,
    IReadOnlyDictionary<string, string> Selectors,
    JsonObject? Metadata);
