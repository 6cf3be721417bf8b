using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Events;
using Fleetboot.Core.Machines;
using Fleetboot.Storage.Sqlite;

namespace Fleetboot.Storage.Tests.Sqlite;

public sealed class SqliteConcurrencyTests : DatabaseTest
{
    private static Machine NewMachine(int writer, int i) => new()
    {
        Id = $"w{writer}-{i:D2}",
        Macs = [new MacAddress(0x0200_0000_0000UL + (ulong)(writer * 1000 + i))],
        Hostname = $"host-{writer}-{i}",
        Labels = new Dictionary<string, string> { ["writer"] = writer.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        Token = "t",
    };

    [Fact]
    public async Task AddAsync_EightWritersFiftyMachinesEach_AllStoredWithoutBusyErrors()
    {
        var store = Db.Machines();
        using var start = new ManualResetEventSlim();

        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            start.Wait(Ct);
            for (var i = 0; i < 50; i++) await store.AddAsync(NewMachine(w, i), Ct);
        }, Ct)).ToArray();
        // Readers hammer the hot path while the writers run.
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(async () =>
        {
            start.Wait(Ct);
            while (!writers.All(w => w.IsCompleted))
                await store.FindByMacAsync(new MacAddress(0x0200_0000_0000UL + (ulong)r), Ct);
        }, Ct)).ToArray();
        start.Set();
        await Task.WhenAll(writers.Concat(readers));

        (await store.ListAsync(new MachineQuery { Limit = 0 }, Ct)).Total.ShouldBe(400);
        (await store.ListAsync(new MachineQuery { Labels = new Dictionary<string, string> { ["writer"] = "7" } }, Ct)).Total.ShouldBe(50);
        (await store.FindByMacAsync(new MacAddress(0x0200_0000_0000UL + 7049), Ct))!.Id.ShouldBe("w7-49");
    }

    [Fact]
    public async Task AppendAsync_TwoStorageInstancesOnOneFile_NoBusyErrorsAndUniqueIds()
    {
        // Two SqliteStorage instances have separate write locks, as two processes would: BEGIN IMMEDIATE and busy_timeout must cope.
        using var second = new SqliteStorage(Db.Directory);
        var stores = new[] { Db.Events(), new SqliteBootEventStore(second) };

        var batches = await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var ids = new List<long>();
            for (var i = 0; i < 25; i++)
            {
                var stored = await stores[w % 2].AppendAsync(
                    [new BootEvent(DateTimeOffset.UnixEpoch, "test", "x", null, "ok", $"{w}/{i}") { MachineId = $"w{w}" }], Ct);
                ids.Add(stored[0].Id);
            }
            return ids;
        }, Ct)));

        var all = batches.SelectMany(ids => ids).ToList();
        all.Count.ShouldBe(200);
        all.ShouldBeUnique();
        (await stores[0].ListAsync(0, null, 1000, Ct)).Count.ShouldBe(200);
    }
}
