using Microsoft.Data.Sqlite;

namespace Fleetboot.Storage.Sqlite;

internal static class SqliteConnectionExtensions
{
    /// <summary>A command on <paramref name="connection"/>, enlisted in <paramref name="transaction"/> when given.</summary>
    public static SqliteCommand Command(this SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
