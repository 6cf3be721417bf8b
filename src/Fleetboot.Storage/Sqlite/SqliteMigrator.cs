using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Fleetboot.Storage.Sqlite;

/// <summary>
/// Applies the embedded <c>Migrations/Sqlite/NNNN_name.sql</c> scripts in number order, each in its own
/// transaction together with its row in <c>schema_migrations</c>. Applied versions are skipped, so running
/// it again is harmless; a database holding a version this build does not know stops start-up.
/// </summary>
internal sealed partial class SqliteMigrator(SqliteStorage storage, TimeProvider time, ILogger<SqliteMigrator> logger)
{
    private const string ResourcePrefix = "Migrations/Sqlite/";

    /// <summary>Every migration embedded in this build, in the order they apply.</summary>
    public static IReadOnlyList<SqliteMigration> Embedded { get; } = LoadEmbedded();

    public Task<IReadOnlyList<SqliteMigration>> MigrateAsync(CancellationToken ct) => MigrateAsync(Embedded, ct);

    /// <returns>The migrations this call applied (empty when the schema was already current).</returns>
    public Task<IReadOnlyList<SqliteMigration>> MigrateAsync(IReadOnlyList<SqliteMigration> migrations, CancellationToken ct)
    {
        Directory.CreateDirectory(storage.DataDirectory);
        using var connection = storage.Open();
        Execute(connection, null, "PRAGMA journal_mode = WAL;");
        Execute(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     INTEGER NOT NULL PRIMARY KEY,
                name        TEXT NOT NULL,
                applied_at  TEXT NOT NULL
            ) STRICT;
            """);

        var known = migrations.ToDictionary(m => m.Version);
        var unknown = AppliedVersions(connection, null).Where(v => !known.ContainsKey(v)).ToList();
        if (unknown.Count > 0)
        {
            var newest = migrations.Count == 0 ? 0 : migrations[^1].Version;
            throw new SchemaVersionException(
                $"The database {storage.DatabasePath} has schema migration(s) {string.Join(", ", unknown.Select(v => v.ToString("D4", CultureInfo.InvariantCulture)))} " +
                $"that this Fleetboot build does not know (it knows up to {newest.ToString("D4", CultureInfo.InvariantCulture)}). " +
                "It was written by a newer Fleetboot: run that version, or restore a backup made by this one.");
        }

        var applied = new List<SqliteMigration>();
        foreach (var migration in migrations)
        {
            ct.ThrowIfCancellationRequested();
            using var transaction = connection.BeginTransaction(deferred: false);
            // Checked again under the write lock: another process may have applied it meanwhile.
            if (AppliedVersions(connection, transaction).Contains(migration.Version))
            {
                transaction.Rollback();
                continue;
            }
            try
            {
                Execute(connection, transaction, migration.Sql);
            }
            catch (SqliteException ex)
            {
                throw new InvalidOperationException(
                    $"Schema migration {migration.Name} failed on {storage.DatabasePath}: {ex.Message}", ex);
            }
            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at)";
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$name", migration.Name);
                record.Parameters.AddWithValue("$at", SqliteTime.ToText(time.GetUtcNow()));
                record.ExecuteNonQuery();
            }
            transaction.Commit();
            applied.Add(migration);
            LogApplied(logger, migration.Name, storage.DatabasePath);
        }
        Execute(connection, null, SqliteStorage.OptimizeSql);
        return Task.FromResult<IReadOnlyList<SqliteMigration>>(applied);
    }

    private static HashSet<int> AppliedVersions(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM schema_migrations";
        using var reader = command.ExecuteReader();
        var versions = new HashSet<int>();
        while (reader.Read()) versions.Add(reader.GetInt32(0));
        return versions;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static IReadOnlyList<SqliteMigration> LoadEmbedded()
    {
        var assembly = typeof(SqliteMigrator).Assembly;
        var migrations = new List<SqliteMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal)) continue;
            var name = resource[ResourcePrefix.Length..^".sql".Length];
            var match = MigrationName().Match(name);
            if (!match.Success)
                throw new InvalidOperationException($"Embedded migration {resource} is not named NNNN_name.sql");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var text = new StreamReader(stream);
            migrations.Add(new SqliteMigration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), name, text.ReadToEnd()));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Embedded migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}");
        return migrations;
    }

    [GeneratedRegex(@"^(\d{4})_[A-Za-z0-9_-]+$")]
    private static partial Regex MigrationName();

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Applied schema migration {Migration} to {Database}")]
    private static partial void LogApplied(ILogger logger, string migration, string database);
}
