using System.Text.Json.Nodes;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Events;
using Fleetboot.Core.Groups;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Profiles;
using Fleetboot.Storage.Sqlite;

namespace Fleetboot.Storage.Tests.Sqlite;

public sealed class SqliteDurabilityTests : DatabaseTest
{
    [Fact]
    public async Task Reopen_AfterEveryKindOfWrite_FindsEverythingAgain()
    {
        var mac = MacAddress.Parse("52:54:00:12:34:56");
        await Db.Machines().AddAsync(new Machine
        {
            Id = "m1", Macs = [mac], Hostname = "m1.lab", Token = "t", Metadata = new JsonObject { ["k"] = "v" },
            Labels = new Dictionary<string, string> { ["rack"] = "r9" },
        }, Ct);
        await Db.Profiles().AddAsync(new Profile { Id = "p1", Kernel = "k" }, Ct);
        await Db.Groups().AddAsync(new Group { Id = "g1", ProfileId = "p1" }, Ct);
        await Db.Templates().AddVersionAsync("ipxe", "v1", Ct);
        await Db.Reservations().TryReserveAsync(new MacReservation(MacAddress.Parse("02:00:00:00:00:01"), "vm", default), Ct);
        var events = await Db.Events().AppendAsync([new BootEvent(DateTimeOffset.UnixEpoch, "http.ipxe", "10.0.0.1", mac.ToString(), "ok", "hi") { MachineId = "m1" }], Ct);

        Db.Reopen();

        var machine = await Db.Machines().FindByMacAsync(mac, Ct);
        machine!.Hostname.ShouldBe("m1.lab");
        machine.Labels["rack"].ShouldBe("r9");
        machine.Metadata!["k"]!.GetValue<string>().ShouldBe("v");
        (await Db.Profiles().GetAsync("p1", Ct))!.Kernel.ShouldBe("k");
        (await Db.Groups().GetAsync("g1", Ct))!.ProfileId.ShouldBe("p1");
        (await Db.Templates().GetCurrentAsync("ipxe", Ct))!.Content.ShouldBe("v1");
        (await Db.Reservations().GetAsync(MacAddress.Parse("02:00:00:00:00:01"), Ct))!.Note.ShouldBe("vm");
        (await Db.Events().ListForMachineAsync("m1", 10, Ct)).Single().Id.ShouldBe(events[0].Id);
    }

    [Fact]
    public async Task Reopen_WithoutCheckpoint_CommittedWritesAreInTheWalOrDatabaseFile()
    {
        await Db.Templates().AddVersionAsync("ipxe", "durable", Ct);

        // Before any pool clear: a brand-new, unpooled connection (a separate sqlite3 handle) sees the commit.
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Db.Storage.DatabasePath, Pooling = false, Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly };
        using var independent = new Microsoft.Data.Sqlite.SqliteConnection(builder.ToString());
        independent.Open();
        using var command = independent.CreateCommand();
        command.CommandText = "SELECT content FROM template_versions WHERE name = 'ipxe'";

        command.ExecuteScalar().ShouldBe("durable");
    }

    [Fact]
    public async Task WriteWithoutSyncAsync_CommitsUnsyncedThenLeavesTheConnectionDurable()
    {
        static long SyncLevel(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction)
        {
            using var command = connection.Command(transaction, "PRAGMA synchronous");
            return (long)command.ExecuteScalar()!;
        }

        var during = await Db.Storage.WriteWithoutSyncAsync(SyncLevel, Ct);
        var after = await Db.Storage.WriteAsync(SyncLevel, Ct);

        during.ShouldBe(1); // NORMAL
        after.ShouldBe(2); // FULL
    }
}
