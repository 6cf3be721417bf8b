using System.Text.Json;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Groups;
using Microsoft.Data.Sqlite;

namespace Fleetboot.Storage.Sqlite;

/// <summary>Groups in SQLite, ordered by id. <see cref="Group.UpdatedAt"/> is kept as given, or stamped from the store's clock when left at default.</summary>
internal sealed class SqliteGroupStore(SqliteStorage storage, TimeProvider time) : IGroupStore
{
    private const string Select = "SELECT id, profile_id, updated_at, doc FROM machine_groups";

    public Task<Group?> GetAsync(string id, CancellationToken ct) =>
        storage.ReadAsync(connection =>
        {
            using var command = connection.Command(null, Select + " WHERE id = $id").With("$id", id);
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }, ct);

    public Task<IReadOnlyList<Group>> ListAsync(CancellationToken ct) =>
        storage.ReadAsync<IReadOnlyList<Group>>(connection =>
        {
            using var command = connection.Command(null, Select + " ORDER BY id");
            using var reader = command.ExecuteReader();
            var groups = new List<Group>();
            while (reader.Read()) groups.Add(Read(reader));
            return groups;
        }, ct);

    public Task AddAsync(Group group, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(group.Id);
        return storage.WriteAsync((connection, transaction) =>
        {
            using (var exists = connection.Command(transaction, "SELECT 1 FROM machine_groups WHERE id = $id").With("$id", group.Id))
            {
                if (exists.ExecuteScalar() is not null) throw new UniqueConflictException("id", group.Id, group.Id);
            }
            using var insert = connection.Command(transaction,
                "INSERT INTO machine_groups (id, profile_id, updated_at, doc) VALUES ($id, $profile_id, $updated_at, $doc)");
            return Bind(insert, group).ExecuteNonQuery();
        }, ct);
    }

    public Task<bool> UpdateAsync(Group group, CancellationToken ct) =>
        storage.WriteAsync((connection, transaction) =>
        {
            using var update = connection.Command(transaction,
                "UPDATE machine_groups SET profile_id = $profile_id, updated_at = $updated_at, doc = $doc WHERE id = $id");
            return Bind(update, group).ExecuteNonQuery() > 0;
        }, ct);

    public Task<bool> RemoveAsync(string id, CancellationToken ct) =>
        storage.WriteAsync((connection, transaction) =>
        {
            using var delete = connection.Command(transaction, "DELETE FROM machine_groups WHERE id = $id").With("$id", id);
            return delete.ExecuteNonQuery() > 0;
        }, ct);

    private SqliteCommand Bind(SqliteCommand command, Group group)
    {
        var document = new GroupDocument(group.Description, group.Selectors, group.Metadata);
        return command
            .With("$id", group.Id)
            .With("$profile_id", group.ProfileId)
            .With("$updated_at", SqliteTime.StampOrNow(group.UpdatedAt, time))
            .With("$doc", JsonSerializer.Serialize(document, SqliteJsonContext.Default.GroupDocument));
    }

    private static Group Read(SqliteDataReader reader)
    {
        var document = JsonSerializer.Deserialize(reader.GetString(3), SqliteJsonContext.Default.GroupDocument)
            ?? throw new InvalidDataException($"group {reader.GetString(0)} has an empty document");
        return new Group
        {
            Id = reader.GetString(0),
            ProfileId = reader.GetString(1),
            UpdatedAt = SqliteTime.FromText(reader.GetString(2)),
            Description = document.Description,
            Selectors = document.Selectors ?? new Dictionary<string, string>(),
            Metadata = document.Metadata,
        };
    }
}
