using Fleetboot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Fleetboot.Storage.Tests.Sqlite;

public sealed class SqliteMigratorTests : IAsyncLifetime
{
    private TemporaryDatabase _db = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _db = await TemporaryDatabase.CreateAsync(migrate: false);

    public ValueTask DisposeAsync()
    {
        _db.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void Embedded_ThisBuild_HasRegistryAndEventsInNumberOrder()
    {
        var migrations = SqliteMigrator.Embedded;

        migrations.Select(m => m.Version).ShouldBe(migrations.Select(m => m.Version).Order());
        migrations.Select(m => m.Version).ShouldBeUnique();
        migrations.Select(m => m.Name).ShouldContain("0001_registry");
        migrations.Select(m => m.Name).ShouldContain("0002_events");
        migrations.ShouldAllBe(m => m.Sql.Length > 0);
    }

    [Fact]
    public async Task MigrateAsync_MissingDirectory_CreatesItAndAppliesEveryMigration()
    {
        Directory.Exists(_db.Directory).ShouldBeFalse();

        var applied = await _db.Migrator().MigrateAsync(Ct);

        Directory.Exists(_db.Directory).ShouldBeTrue();
        File.Exists(Path.Combine(_db.Directory, "fleetboot.db")).ShouldBeTrue();
        applied.Select(m => m.Version).ShouldBe(SqliteMigrator.Embedded.Select(m => m.Version));
        Convert.ToInt64(_db.Scalar("SELECT COUNT(*) FROM schema_migrations")).ShouldBe(SqliteMigrator.Embedded.Count);
        _db.Scalar("SELECT applied_at FROM schema_migrations WHERE version = 1").ShouldBe(SqliteTime.ToText(_db.Time.GetUtcNow()));
    }

    [Fact]
    public async Task MigrateAsync_RunTwice_SecondRunAppliesNothingAndKeepsData()
    {
        await _db.Migrator().MigrateAsync(Ct);
        await _db.Templates().AddVersionAsync("ipxe", "kept", Ct);

        var second = await _db.Migrator().MigrateAsync(Ct);
        _db.Reopen();
        var third = await _db.Migrator().MigrateAsync(Ct);

        second.ShouldBeEmpty();
        third.ShouldBeEmpty();
        Convert.ToInt64(_db.Scalar("SELECT COUNT(*) FROM schema_migrations")).ShouldBe(SqliteMigrator.Embedded.Count);
        (await _db.Templates().GetCurrentAsync("ipxe", Ct))!.Content.ShouldBe("kept");
    }

    [Fact]
    public async Task MigrateAsync_DatabaseFromNewerBuild_ThrowsClearSchemaVersionException()
    {
        await _db.Migrator().MigrateAsync(Ct);
        _db.Scalar("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future', 'x')");

        var ex = await Should.ThrowAsync<SchemaVersionException>(() => _db.Migrator().MigrateAsync(Ct));

        ex.Message.ShouldContain("9999");
        ex.Message.ShouldContain(Path.Combine(_db.Directory, "fleetboot.db"));
        ex.Message.ShouldContain("newer Fleetboot");
    }

    [Fact]
    public async Task MigrateAsync_FailingMigration_RollsItBackAndKeepsEarlierOnes()
    {
        var migrations = new[]
        {
            new SqliteMigration(1, "0001_good", "CREATE TABLE good (x INTEGER);"),
            new SqliteMigration(2, "0002_bad", "CREATE TABLE half (x INTEGER); INSERT INTO no_such_table VALUES (1);"),
        };

        var ex = await Should.ThrowAsync<InvalidOperationException>(() => _db.Migrator().MigrateAsync(migrations, Ct));

        ex.Message.ShouldContain("0002_bad");
        _db.Scalar("SELECT group_concat(version) FROM schema_migrations").ShouldBe("1");
        _db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'good'").ShouldBe(1L);
        _db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'").ShouldBe(0L);
    }

    [Fact]
    public async Task MigrateAsync_NewMigrationAddedLater_AppliesOnlyThatOne()
    {
        var v1 = new SqliteMigration(1, "0001_a", "CREATE TABLE a (x INTEGER);");
        var v3 = new SqliteMigration(3, "0003_c", "CREATE TABLE c (x INTEGER);");
        await _db.Migrator().MigrateAsync([v1], Ct);

        var applied = await _db.Migrator().MigrateAsync([v1, v3], Ct);

        applied.ShouldBe([v3]);
    }

    [Fact]
    public async Task MigrateAsync_LowerNumberedMigrationArrivesAfterAHigherOne_AppliesIt()
    {
        // 0003 (DHCP leases) may be merged after 0004 already ran somewhere.
        var v1 = new SqliteMigration(1, "0001_a", "CREATE TABLE a (x INTEGER);");
        var v2 = new SqliteMigration(2, "0002_b", "CREATE TABLE b (x INTEGER);");
        var v4 = new SqliteMigration(4, "0004_d", "CREATE TABLE d (x INTEGER);");
        await _db.Migrator().MigrateAsync([v1, v2, v4], Ct);
        var v3 = new SqliteMigration(3, "0003_c", "CREATE TABLE c (x INTEGER);");

        var applied = await _db.Migrator().MigrateAsync([v1, v2, v3, v4], Ct);

        applied.ShouldBe([v3]);
        _db.Scalar("SELECT group_concat(version ORDER BY version) FROM schema_migrations").ShouldBe("1,2,3,4");
    }

    [Fact]
    public async Task Open_AnyConnectionIncludingPooledOnes_HasDurabilityPragmas()
    {
        await _db.Migrator().MigrateAsync(Ct);

        for (var i = 0; i < 3; i++)
        {
            using var connection = _db.Storage.Open();
            Pragma(connection, "journal_mode").ShouldBe("wal");
            Pragma(connection, "synchronous").ShouldBe(2L); // FULL
            Pragma(connection, "foreign_keys").ShouldBe(1L);
            Pragma(connection, "busy_timeout").ShouldBe((long)SqliteStorage.BusyTimeout.TotalMilliseconds);
        }

        static object? Pragma(SqliteConnection connection, string name)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA " + name;
            return command.ExecuteScalar();
        }
    }
}
