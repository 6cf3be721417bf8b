using System.Text.Json;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Events;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Fleetboot.Storage.Sqlite;

/// <summary>
/// The boot timeline in SQLite. Event times are kept as given (they are observation times, not storage stamps);
/// ids come from an AUTOINCREMENT key, so they are never reused, even after pruning. Writes do not wait for the disk
/// (<see cref="SqliteStorage.WriteWithoutSyncAsync{T}"/>): the timeline may lose its last moments in a power cut.
/// </summary>
internal sealed class SqliteBootEventStore(SqliteStorage storage) : IBootEventStore
{
    private const string Select = "SELECT id, time, machine_id, kind, source, mac, outcome, message, data, repeats, last_time FROM boot_events";

    public async Task<IReadOnlyList<BootEvent>> AppendAsync(IReadOnlyList<BootEvent> events, CancellationToken ct)
    {
        if (events.Count == 0) return [];
        return await storage.WriteWithoutSyncAsync((connection, transaction) =>
        {
            using var insert = connection.Command(transaction, """
                INSERT INTO boot_events (time, machine_id, kind, source, mac, outcome, message, data)
                VALUES ($time, $machine_id, $kind, $source, $mac, $outcome, $message, $data)
                """);
            var time = insert.Parameters.Add("$time", SqliteType.Text);
            var machineId = insert.Parameters.Add("$machine_id", SqliteType.Text);
            var kind = insert.Parameters.Add("$kind", SqliteType.Text);
            var source = insert.Parameters.Add("$source", SqliteType.Text);
            var mac = insert.Parameters.Add("$mac", SqliteType.Text);
            var outcome = insert.Parameters.Add("$outcome", SqliteType.Text);
            var message = insert.Parameters.Add("$message", SqliteType.Text);
            var data = insert.Parameters.Add("$data", SqliteType.Text);
            var stored = new BootEvent[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                time.Value = SqliteTime.ToText(e.Time);
                machineId.Value = (object?)e.MachineId ?? DBNull.Value;
                kind.Value = e.Kind;
                source.Value = e.Source;
                mac.Value = (object?)e.Mac ?? DBNull.Value;
                outcome.Value = e.Outcome;
                message.Value = e.Message;
                data.Value = e.Data is null ? DBNull.Value : JsonSerializer.Serialize(new Dictionary<string, string>(e.Data), SqliteJsonContext.Default.DictionaryStringString);
                insert.ExecuteNonQuery();
                // Half the cost of RETURNING id, which opens a result set per row.
                stored[i] = e with { Id = raw.sqlite3_last_insert_rowid(connection.Handle) };
            }
            return stored;
        }, ct).ConfigureAwait(false);
    }

    public Task CountRepeatsAsync(IReadOnlyList<BootEventRepeat> repeats, CancellationToken ct)
    {
        if (repeats.Count == 0) return Task.CompletedTask;
        return storage.WriteWithoutSyncAsync((connection, transaction) =>
        {
            using var update = connection.Command(transaction, "UPDATE boot_events SET repeats = $repeats, last_time = $last_time WHERE id = $id");
            var id = update.Parameters.Add("$id", SqliteType.Integer);
            var count = update.Parameters.Add("$repeats", SqliteType.Integer);
            var last = update.Parameters.Add("$last_time", SqliteType.Text);
            foreach (var repeat in repeats)
            {
                id.Value = repeat.Id;
                count.Value = repeat.Count;
                last.Value = SqliteTime.ToText(repeat.LastTime);
                update.ExecuteNonQuery();
            }
            return 0;
        }, ct);
    }

    public Task<IReadOnlyList<BootEvent>> ListForMachineAsync(string machineId, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return storage.ReadAsync<IReadOnlyList<BootEvent>>(connection => ReadAll(connection.Command(null,
            $"SELECT * FROM ({Select} WHERE machine_id = $machine_id ORDER BY id DESC LIMIT $limit) ORDER BY id")
            .With("$machine_id", machineId)
            .With("$limit", limit)), ct);
    }

    public Task<IReadOnlyList<BootEvent>> ListLatestAsync(int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return storage.ReadAsync<IReadOnlyList<BootEvent>>(connection => ReadAll(connection.Command(null,
            $"SELECT * FROM ({Select} ORDER BY id DESC LIMIT $limit) ORDER BY id")
            .With("$limit", limit)), ct);
    }

    public Task<IReadOnlyList<BootEvent>> ListAsync(long afterId, DateTimeOffset? since, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return storage.ReadAsync<IReadOnlyList<BootEvent>>(connection => ReadAll(connection.Command(null,
            $"{Select} WHERE id > $after AND ($since IS NULL OR time >= $since) ORDER BY id LIMIT $limit")
            .With("$after", afterId)
            .With("$since", since is { } s ? SqliteTime.ToText(s) : null)
            .With("$limit", limit)), ct);
    }

    /// <summary>
    /// Keeps the newest <paramref name="perMachine"/> events of each of <paramref name="machineIds"/>, then removes
    /// every event more than <paramref name="total"/> ids older than the newest one (ids are never reused, so at most
    /// <paramref name="total"/> events remain). Both use an index: the cost follows what is deleted, not the table size.
    /// </summary>
    /// <returns>How many events were deleted.</returns>
    public Task<int> PruneAsync(IReadOnlyCollection<string> machineIds, int perMachine, int total, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perMachine);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        return storage.WriteWithoutSyncAsync((connection, transaction) =>
        {
            var deleted = 0;
            using var byMachine = connection.Command(transaction, """
                DELETE FROM boot_events WHERE machine_id = $machine_id AND id <= (
                    SELECT id FROM boot_events WHERE machine_id = $machine_id ORDER BY id DESC LIMIT 1 OFFSET $per_machine)
                """);
            var machineId = byMachine.Parameters.Add("$machine_id", SqliteType.Text);
            byMachine.Parameters.AddWithValue("$per_machine", perMachine);
            foreach (var id in machineIds)
            {
                machineId.Value = id;
                deleted += byMachine.ExecuteNonQuery();
            }
            using var overall = connection.Command(transaction,
                "DELETE FROM boot_events WHERE id <= (SELECT max(id) FROM boot_events) - $total")
                .With("$total", total);
            return deleted + overall.ExecuteNonQuery();
        }, ct);
    }

    private static List<BootEvent> ReadAll(SqliteCommand command)
    {
        using (command)
        {
            using var reader = command.ExecuteReader();
            var events = new List<BootEvent>();
            while (reader.Read())
            {
                var data = reader.GetNullableString(8);
                events.Add(new BootEvent(
                    SqliteTime.FromText(reader.GetString(1)),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.GetNullableString(5),
                    reader.GetString(6),
                    reader.GetString(7),
                    data is null ? null : JsonSerializer.Deserialize(data, SqliteJsonContext.Default.DictionaryStringString))
                {
                    Id = reader.GetInt64(0),
                    MachineId = reader.GetNullableString(2),
                    Count = reader.GetInt32(9),
                    LastTime = reader.GetNullableString(10) is { } last ? SqliteTime.FromText(last) : null,
                });
            }
            return events;
        }
    }
}
