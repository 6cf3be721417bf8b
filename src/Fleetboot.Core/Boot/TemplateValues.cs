using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetboot.Core.Boot;

/// <summary>Turns JSON metadata into the plain dictionaries and lists that templates walk.</summary>
internal static class TemplateValues
{
    public static object? From(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => From(p.Value), StringComparer.Ordinal),
        JsonArray a => a.Select(From).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.TryGetValue<long>(out var l) ? l : v.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };

    /// <summary>Copies the top-level members of <paramref name="metadata"/> over <paramref name="into"/>.</summary>
    public static void Merge(Dictionary<string, object?> into, JsonObject? metadata)
    {
        if (metadata is null) return;
        foreach (var (key, value) in metadata) into[key] = From(value);
    }
}
