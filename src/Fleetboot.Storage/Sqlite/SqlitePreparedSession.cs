using Microsoft.Data.Sqlite;

namespace Fleetboot.Storage.Sqlite;

/// <summary>An open connection that keeps its prepared commands, so hot lookups skip re-preparing SQL on every call.</summary>
internal sealed class SqlitePreparedSession(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The prepared command for <paramref name="sql"/>, its parameters cleared for the caller to bind.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }
        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values) command.Dispose();
        _commands.Clear();
        connection.Dispose();
    }
}
