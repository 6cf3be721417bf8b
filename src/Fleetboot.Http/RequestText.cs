namespace Fleetboot.Http;

/// <summary>Optional text from a request or a request body, as the adapters hand it to Core.</summary>
internal static class RequestText
{
    /// <summary>The text trimmed; null when it is null, empty or only white space.</summary>
    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
