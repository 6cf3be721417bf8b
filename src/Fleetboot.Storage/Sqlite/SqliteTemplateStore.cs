using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Templates;
using Microsoft.Data.Sqlite;

namespace Fleetboot.Storage.Sqlite;

/// <summary>Template versions in SQLite. Versions count from 1 per name; the store stamps <see cref="TemplateVersion.CreatedAt"/>.</summary>
internal sealed class SqliteTemplateStore(SqliteStorage storage, TimeProvider time) : ITemplateStore
{
    public Task<TemplateVersion?> GetCurrentAsync(string name, CancellationToken ct) =>
        storage.ReadAsync(connection =>
        {
            using var command = connection.Command(null,
                "SELECT name, version, content, created_at FROM template_versions WHERE name = $name ORDER BY version DESC LIMIT 1")
                .With("$name", name);
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }, ct);

    public Task<IReadOnlyList<TemplateVersion>> ListCurrentAsync(CancellationToken ct) =>
        storage.ReadAsync<IReadOnlyList<TemplateVersion>>(connection => ReadAll(connection.Command(null, """
            SELECT t.name, t.version, t.content, t.created_at
            FROM template_versions t
            WHERE t.version = (SELECT MAX(v.version) FROM template_versions v WHERE v.name = t.name)
            ORDER BY t.name
            """)), ct);

    public Task<IReadOnlyList<TemplateVersion>> GetHistoryAsync(string name, CancellationToken ct) =>
        storage.ReadAsync<IReadOnlyList<TemplateVersion>>(connection => ReadAll(connection.Command(null,
            "SELECT name, version, content, created_at FROM template_versions WHERE name = $name ORDER BY version")
            .With("$name", name)), ct);

    public Task<TemplateVersion> AddVersionAsync(string name, string content, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(content);
        return storage.WriteAsync((connection, transaction) =>
        {
            // One statement inside the write transaction: max+1 cannot be taken twice.
            using var insert = connection.Command(transaction, """
                INSERT INTO template_versions (name, version, content, created_at)
                SELECT $name, COALESCE(MAX(version), 0) + 1, $content, $created_at FROM template_versions WHERE name = $name
                RETURNING name, version, content, created_at
                """)
                .With("$name", name)
                .With("$content", content)
                .With("$created_at", SqliteTime.ToText(time.GetUtcNow()));
            using var reader = insert.ExecuteReader();
            if (!reader.Read()) throw new InvalidOperationException($"inserting a version of template {name} returned no row");
            return Read(reader);
        }, ct);
    }

    public Task<bool> RemoveAsync(string name, CancellationToken ct) =>
        storage.WriteAsync((connection, transaction) =>
        {
            using var delete = connection.Command(transaction, "DELETE FROM template_versions WHERE name = $name").With("$name", name);
            return delete.ExecuteNonQuery() > 0;
        }, ct);

    private static List<TemplateVersion> ReadAll(SqliteCommand command)
    {
        using (command)
        {
            using var reader = command.ExecuteReader();
            var versions = new List<TemplateVersion>();
            while (reader.Read()) versions.Add(Read(reader));
            return versions;
        }
    }

    private static TemplateVersion Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), SqliteTime.FromText(reader.GetString(3)));
}
