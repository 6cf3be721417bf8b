using Fleetboot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Fleetboot.Storage.Tests.Sqlite;

public sealed class SqliteMigratorTests() : DatabaseTest(migrate: false)
{
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
        Directory.Exists(Db.Directory).ShouldBeFalse();

        var applied = await Db.Migrator().MigrateAsync(Ct);

        Directory.Exists(Db.Directory).ShouldBeTrue();
        File.Exists(Path.Combine(Db.Directory, "fleetboot.db")).ShouldBeTrue();
        applied.Select(m => m.Version).ShouldBe(SqliteMigrator.Embedded.Select(m => m.Version));
        Convert.ToInt64(Db.Scalar("SELECT COUNT(*) FROM schema_migrations")).ShouldBe(SqliteMigrator.Embedded.Count);
        Db.Scalar("SELECT applied_at FROM schema_migrations WHERE version = 1").ShouldBe(SqliteTime.ToText(Db.Time.GetUtcNow()));
    }

    [Fact]
    public async Task MigrateAsync_RunTwice_SecondRunAppliesNothingAndKeepsData()
    {
        await Db.Migrator().MigrateAsync(Ct);
        await Db.Templates().AddVersionAsync("ipxe", "kept", Ct);

        var second = await Db.Migrator().MigrateAsync(Ct);
        Db.Reopen();
        var third = await Db.Migrator().MigrateAsync(Ct);

        second.ShouldBeEmpty();
        third.ShouldBeEmpty();
        Convert.ToInt64(Db.Scalar("SELECT COUNT(*) FROM schema_migrations")).ShouldBe(SqliteMigrator.Embedded.Count);
        (await Db.Templates().GetCurrentAsync("ipxe", Ct))!.Content.ShouldBe("kept");
    }

    [Fact]
    public async Task MigrateAsync_DatabaseFromNewerBuild_ThrowsClearSchemaVersionException()
    {
        await Db.Migrator().MigrateAsync(Ct);
        Db.Scalar("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future', 'x')");

        var ex = await Should.ThrowAsync<SchemaVersionException>(() => Db.Migrator().MigrateAsync(Ct));

        ex.Message.ShouldContain("9999");
        ex.Message.ShouldContain(Path.Combine(Db.Directory, "fleetboot.db"));
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

        var ex = await Should.ThrowAsync<InvalidOperationException>(() => Db.Migrator().MigrateAsync(migrations, Ct));

        ex.Message.ShouldContain("0002_bad");
        Db.Scalar("SELECT group_concat(version) FROM schema_migrations").ShouldBe("1");
        Db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'good'").ShouldBe(1L);
        Db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'").ShouldBe(0L);
    }

    [Fact]
    public async Task MigrateAsync_NewMigrationAddedLater_AppliesOnlyThatOne()
    {
        var v1 = new SqliteMigration(1, "0001_a", "CREATE TABLE a (x INTEGER);");
        var v3 = new SqliteMigration(3, "0003_c", "CREATE TABLE c (x INTEGER);");
        await Db.Migrator().MigrateAsync([v1], Ct);

        var applied = await Db.Migrator().MigrateAsync([v1, v3], Ct);

        applied.ShouldBe([v3]);
    }

    [Fact]
    public async Task MigrateAsync_LowerNumberedMigrationArrivesAfterAHigherOne_AppliesIt()
    {
        // 0003 (DHCP leases) may be merged after 0004 already ran somewhere.
        var v1 = new SqliteMigration(1, "0001_a", "CREATE TABLE a (x INTEGER);");
        var v2 = new SqliteMigration(2, "0002_b", "CREATE TABLE b (x INTEGER);");
        var v4 = new SqliteMigration(4, "0004_d", "CREATE TABLE d (x INTEGER);");
        await Db.Migrator().MigrateAsync([v1, v2, v4], Ct);
        var v3 = new SqliteMigration(3, "0003_c", "CREATE TABLE c (x INTEGER);");

        var applied = await Db.Migrator().MigrateAsync([v1, v2, v3, v4], Ct);

        applied.ShouldBe([v3]);
        Db.Scalar("SELECT group_concat(version ORDER BY version) FROM schema_migrations").ShouldBe("1,2,3,4");
    }

    [Fact]
    public async Task Open_AnyConnectionIncludingPooledOnes_HasDurabilityPragmas()
    {
        await Db.Migrator().MigrateAsync(Ct);

        for (var i = 0; i < 3; i++)
        {
            using var connection = Db.Storage.Open();
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
