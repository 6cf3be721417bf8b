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
                using var exists = connection.Command(null, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
                if (exists.ExecuteScalar() is null) return null;
                using var command = connection.Command(null, "SELECT MAX(version) FROM schema_migrations");
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
