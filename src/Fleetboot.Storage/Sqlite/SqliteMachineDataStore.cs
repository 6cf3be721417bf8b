using Fleetboot.Core.Abstractions;

namespace Fleetboot.Storage.Sqlite;

internal sealed class SqliteMachineDataStore(SqliteStorage storage, TimeProvider time) : IMachineDataStore
{
    public Task SetAsync(string machineId, string key, string value, CancellationToken ct) =>
        storage.WriteAsync((connection, transaction) =>
        {
            using var upsert = connection.Command(transaction, """
                INSERT INTO machine_data (machine_id, key, value, updated_at) VALUES ($id, $key, $value, $at)
                ON CONFLICT (machine_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """)
                .With("$id", machineId).With("$key", key).With("$value", value).With("$at", SqliteTime.ToText(time.GetUtcNow()));
            return upsert.ExecuteNonQuery();
        }, ct);

    public Task<string?> GetAsync(string machineId, string key, CancellationToken ct) =>
        storage.ReadAsync(connection =>
        {
            using var command = connection.Command(null, "SELECT value FROM machine_data WHERE machine_id = $id AND key = $key")
                .With("$id", machineId).With("$key", key);
            return command.ExecuteScalar() as string;
        }, ct);

    public Task<IReadOnlyDictionary<string, string>> ListAsync(string machineId, CancellationToken ct) =>
        storage.ReadAsync<IReadOnlyDictionary<string, string>>(connection =>
        {
            using var command = connection.Command(null, "SELECT key, value FROM machine_data WHERE machine_id = $id ORDER BY key")
                .With("$id", machineId);
            using var reader = command.ExecuteReader();
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read()) values[reader.GetString(0)] = reader.GetString(1);
            return values;
        }, ct);
}
