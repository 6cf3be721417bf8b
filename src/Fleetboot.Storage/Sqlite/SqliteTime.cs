using System.Globalization;

namespace Fleetboot.Storage.Sqlite;

/// <summary>Timestamps as fixed-width UTC text: exact to the tick, readable in the sqlite3 shell, sortable as text.</summary>
internal static class SqliteTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset time) =>
        time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The stamp the caller gave, or <paramref name="time"/>'s now when it left it at default.</summary>
    public static string StampOrNow(DateTimeOffset given, TimeProvider time) =>
        ToText(given == default ? time.GetUtcNow() : given);

    public static DateTimeOffset FromText(string text) =>
        new(DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
}
