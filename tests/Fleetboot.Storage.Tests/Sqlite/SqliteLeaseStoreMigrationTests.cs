using System.Net;
using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Machines;
using Fleetboot.Storage.Sqlite;
using Fleetboot.Storage.Sqlite.Leases;

namespace Fleetboot.Storage.Tests.Sqlite;

/// <summary>Migration 0003 takes over the <c>dhcp_leases</c> table that older builds created from the lease store itself.</summary>
public sealed class SqliteLeaseStoreMigrationTests() : DatabaseTest(migrate: false)
{
    // What SqliteLeaseStore ran on open before the table moved into the migrations.
    private const string OlderBuildSchema = """
        CREATE TABLE IF NOT EXISTS dhcp_leases (
            address     TEXT    NOT NULL PRIMARY KEY,
            client_id   TEXT    NOT NULL,
            mac         TEXT    NOT NULL,
            subnet      TEXT    NOT NULL,
            start_ms    INTEGER NOT NULL,
            expires_ms  INTEGER NOT NULL,
            state       INTEGER NOT NULL,
            host_name   TEXT    NULL
        ) WITHOUT ROWID;
        """;

    private string ConnectionString => $"Data Source={Path.Combine(Db.Directory, "fleetboot.db")};Pooling=False";

    [Fact]
    public async Task MigrateAsync_DatabaseFromOlderBuildWithLeases_Applies0003AndKeepsEveryLease()
    {
        await Db.Migrator().MigrateAsync(SqliteMigrator.Embedded.Where(m => m.Version != 3).ToList(), Ct);
        Db.Scalar(OlderBuildSchema);
        Db.Scalar("INSERT INTO dhcp_leases VALUES ('10.9.0.100', '01525400123456', '52:54:00:12:34:56', 'lab', 1000, 3601000, 0, 'node1')");
        Db.Reopen();

        var applied = await Db.Migrator().MigrateAsync(Ct);

        applied.Select(m => m.Name).ShouldBe(["0003_dhcp_leases"]);
        Db.Scalar("SELECT sql LIKE '%STRICT%' FROM sqlite_master WHERE name = 'dhcp_leases'").ShouldBe(1L);
        await using var store = await SqliteLeaseStore.OpenAsync(ConnectionString, Ct);
        var lease = (await store.LoadAsync(Ct)).ShouldHaveSingleItem();
        lease.ShouldBe(new DhcpLease(IPAddress.Parse("10.9.0.100"), "01525400123456", MacAddress.Parse("52:54:00:12:34:56"), "lab",
            DateTimeOffset.FromUnixTimeMilliseconds(1000), DateTimeOffset.FromUnixTimeMilliseconds(3601000), DhcpLeaseState.Active, "node1"));
    }

    [Fact]
    public async Task MigrateAsync_OlderBuildThatNeverRanDhcp_CreatesEmptyLeaseTable()
    {
        await Db.Migrator().MigrateAsync(SqliteMigrator.Embedded.Where(m => m.Version != 3).ToList(), Ct);

        var applied = await Db.Migrator().MigrateAsync(Ct);

        applied.Select(m => m.Version).ShouldBe([3]);
        await using var store = await SqliteLeaseStore.OpenAsync(ConnectionString, Ct);
        (await store.LoadAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task OpenAsync_UnmigratedDatabase_ThrowsNamingTheMissingMigration()
    {
        Directory.CreateDirectory(Db.Directory);

        var e = await Should.ThrowAsync<InvalidOperationException>(() => SqliteLeaseStore.OpenAsync(ConnectionString, Ct));

        e.Message.ShouldContain("no dhcp_leases table");
    }
}
