namespace Fleetboot.Cli.Verbs;

/// <summary>Parses repeatable <c>key=value</c> arguments such as <c>--label rack=r1</c>.</summary>
internal static class KeyValues
{
    public static Dictionary<string, string> Parse(IEnumerable<string>? items, string option)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items ?? [])
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new CliException($"{option} '{item}' is not key=value", ExitCodes.Usage);
            result[item[..eq].Trim()] = item[(eq + 1)..].Trim();
        }
        return result;
    }
}
