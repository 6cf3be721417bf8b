using System.Text.Json;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Profiles;
using Microsoft.Data.Sqlite;

namespace Fleetboot.Storage.Sqlite;

/// <summary>Profiles in SQLite, ordered by id. <see cref="Profile.UpdatedAt"/> is kept as given, or stamped from the store's clock when left at default.</summary>
internal sealed class SqliteProfileStore(SqliteStorage storage, TimeProvider time) : IProfileStore
{
    private const string Select = "SELECT id, updated_at, doc FROM profiles";

    public Task<Profile?> GetAsync(string id, CancellationToken ct) =>
        storage.ReadAsync(connection =>
        {
            using var command = connection.Command(null, Select + " WHERE id = $id").With("$id", id);
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }, ct);

    public Task<IReadOnlyList<Profile>> ListAsync(CancellationToken ct) =>
        storage.ReadAsync<IReadOnlyList<Profile>>(connection =>
        {
            using var command = connection.Command(null, Select + " ORDER BY id");
            using var reader = command.ExecuteReader();
            var profiles = new List<Profile>();
            while (reader.Read()) profiles.Add(Read(reader));
            return profiles;
        }, ct);

    public Task AddAsync(Profile profile, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(profile.Id);
        return storage.WriteAsync((connection, transaction) =>
        {
            using (var exists = connection.Command(transaction, "SELECT 1 FROM profiles WHERE id = $id").With("$id", profile.Id))
            {
                if (exists.ExecuteScalar() is not null) throw new UniqueConflictException("id", profile.Id, profile.Id);
            }
            using var insert = connection.Command(transaction, "INSERT INTO profiles (id, updated_at, doc) VALUES ($id, $updated_at, $doc)");
            return Bind(insert, profile).ExecuteNonQuery();
        }, ct);
    }

    public Task<bool> UpdateAsync(Profile profile, CancellationToken ct) =>
        storage.WriteAsync((connection, transaction) =>
        {
            using var update = connection.Command(transaction, "UPDATE profiles SET updated_at = $updated_at, doc = $doc WHERE id = $id");
            return Bind(update, profile).ExecuteNonQuery() > 0;
        }, ct);

    public Task<bool> RemoveAsync(string id, CancellationToken ct) =>
        storage.WriteAsync((connection, transaction) =>
        {
            using var delete = connection.Command(transaction, "DELETE FROM profiles WHERE id = $id").With("$id", id);
            return delete.ExecuteNonQuery() > 0;
        }, ct);

    private SqliteCommand Bind(SqliteCommand command, Profile profile)
    {
        var document = new ProfileDocument(profile.Description, profile.Kernel, profile.Initrds, profile.Args, profile.Rootfs,
            profile.Configs, profile.Files, profile.Metadata, profile.LocalBoot, profile.InstallTimeoutMinutes,
            profile.Loader);
        return command
            .With("$id", profile.Id)
            .With("$updated_at", SqliteTime.StampOrNow(profile.UpdatedAt, time))
            .With("$doc", JsonSerializer.Serialize(document, SqliteJsonContext.Default.ProfileDocument));
    }

    private static Profile Read(SqliteDataReader reader)
    {
        var document = JsonSerializer.Deserialize(reader.GetString(2), SqliteJsonContext.Default.ProfileDocument)
            ?? throw new InvalidDataException($"profile {reader.GetString(0)} has an empty document");
        return new Profile
        {
            Id = reader.GetString(0),
            UpdatedAt = SqliteTime.FromText(reader.GetString(1)),
            Description = document.Description,
            Kernel = document.Kernel,
            Initrds = document.Initrds ?? [],
            Args = document.Args,
            Rootfs = document.Rootfs,
            Configs = document.Configs ?? new Dictionary<string, string>(),
            Files = document.Files ?? new Dictionary<string, string>(),
            Metadata = document.Metadata,
            LocalBoot = document.LocalBoot,
            InstallTimeoutMinutes = document.InstallTimeoutMinutes,
            Loader = document.Loader,
        };
    }
}
