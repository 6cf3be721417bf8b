using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetboot.Cli.Verbs;

/// <summary>Reads a JSON object given inline (<c>'{"a":1}'</c>) or from a file (<c>@path.json</c>).</summary>
internal static class JsonArgument
{
    public static JsonObject? Parse(string? text, string option)
    {
        if (text is null) return null;
        if (text.StartsWith('@')) text = FileArgument.Read(text[1..], option);
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new CliException($"{option} must be a JSON object", ExitCodes.Usage);
        }
        catch (JsonException e)
        {
            throw new CliException($"{option} is not valid JSON: {e.Message}", ExitCodes.Usage);
        }
    }
}
