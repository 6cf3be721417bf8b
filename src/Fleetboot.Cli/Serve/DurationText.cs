using System.Globalization;

namespace Fleetboot.Cli.Serve;

/// <summary>Durations in the config file: <c>3600</c> (seconds), <c>500ms</c>, <c>90s</c>, <c>30m</c>, <c>12h</c>, <c>7d</c>.</summary>
internal static class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        (string number, double unit) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 0.001),
            _ when text.EndsWith('s') => (text[..^1], 1),
            _ when text.EndsWith('m') => (text[..^1], 60),
            _ when text.EndsWith('h') => (text[..^1], 3600),
            _ when text.EndsWith('d') => (text[..^1], 86400),
            _ => (text, 1),
        };
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return false;
        duration = TimeSpan.FromSeconds(value * unit);
        return true;
    }
}
