using Fleetboot.Core.Abstractions;
using Microsoft.Data.Sqlite;

namespace Fleetboot.Storage.Sqlite;

internal sealed class SqliteStorageHealth(SqliteStorage storage) : IStorageHealth
{
    public async Task CheckAsync(CancellationToken ct)
    {
        try
        {
            var version = await storage.ReadAsync(connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT MAX(version) FROM schema_migrations";
                return command.ExecuteScalar();
            }, ct).ConfigureAwait(false);
            if (version is null or DBNull)
                throw new InvalidOperationException($"SQLite database {storage.DatabasePath} has no schema; storage was not initialised");
        }
        catch (SqliteException ex)
        {
            throw new InvalidOperationException($"SQLite database {storage.DatabasePath} is unreachable: {ex.Message}", ex);
        }
    }
}
