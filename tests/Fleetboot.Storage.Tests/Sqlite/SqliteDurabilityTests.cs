using System.Text.Json.Nodes;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Events;
using Fleetboot.Core.Groups;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Profiles;

namespace Fleetboot.Storage.Tests.Sqlite;

public sealed class SqliteDurabilityTests : IAsyncLifetime
{
    private TemporaryDatabase _db = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _db = await TemporaryDatabase.CreateAsync();

    public ValueTask DisposeAsync()
    {
        _db.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Reopen_AfterEveryKindOfWrite_FindsEverythingAgain()
    {
        var mac = MacAddress.Parse("52:54:00:12:34:56");
        await _db.Machines().AddAsync(new Machine
        {
            Id = "m1", Macs = [mac], Hostname = "m1.lab", Token = "t", Metadata = new JsonObject { ["k"] = "v" },
            Labels = new Dictionary<string, string> { ["rack"] = "r9" },
        }, Ct);
        await _db.Profiles().AddAsync(new Profile { Id = "p1", Kernel = "k" }, Ct);
        await _db.Groups().AddAsync(new Group { Id = "g1", ProfileId = "p1" }, Ct);
        await _db.Templates().AddVersionAsync("ipxe", "v1", Ct);
        await _db.Reservations().TryReserveAsync(new MacReservation(MacAddress.Parse("02:00:00:00:00:01"), "vm", default), Ct);
        var events = await _db.Events().AppendAsync([new BootEvent(DateTimeOffset.UnixEpoch, "http.ipxe", "10.0.0.1", mac.ToString(), "ok", "hi") { MachineId = "m1" }], Ct);

        _db.Reopen();

        var machine = await _db.Machines().FindByMacAsync(mac, Ct);
        machine!.Hostname.ShouldBe("m1.lab");
        machine.Labels["rack"].ShouldBe("r9");
        machine.Metadata!["k"]!.GetValue<string>().ShouldBe("v");
        (await _db.Profiles().GetAsync("p1", Ct))!.Kernel.ShouldBe("k");
        (await _db.Groups().GetAsync("g1", Ct))!.ProfileId.ShouldBe("p1");
        (await _db.Templates().GetCurrentAsync("ipxe", Ct))!.Content.ShouldBe("v1");
        (await _db.Reservations().GetAsync(MacAddress.Parse("02:00:00:00:00:01"), Ct))!.Note.ShouldBe("vm");
        (await _db.Events().ListForMachineAsync("m1", 10, Ct)).Single().Id.ShouldBe(events[0].Id);
    }

    [Fact]
    public async Task Reopen_WithoutCheckpoint_CommittedWritesAreInTheWalOrDatabaseFile()
    {
        await _db.Templates().AddVersionAsync("ipxe", "durable", Ct);

        // Before any pool clear: a brand-new, unpooled connection (a separate sqlite3 handle) sees the commit.
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = _db.Storage.DatabasePath, Pooling = false, Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly };
        using var independent = new Microsoft.Data.Sqlite.SqliteConnection(builder.ToString());
        independent.Open();
        using var command = independent.CreateCommand();
        command.CommandText = "SELECT content FROM template_versions WHERE name = 'ipxe'";

        command.ExecuteScalar().ShouldBe("durable");
    }
}
