using Fleetboot.Core.Events;

namespace Fleetboot.Storage.Tests.Sqlite;

public sealed class SqliteBootEventStoreTests : DatabaseTest
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static BootEvent Event(int second, string? machineId, string kind = "http.ipxe") =>
        new(T0.AddSeconds(second), kind, "10.0.0.5", "52:54:00:00:00:01", "ok", $"event {second}") { MachineId = machineId };

    [Fact]
    public async Task CountRepeatsAsync_SetsTheCountAndLastTimeOfTheGivenEvents()
    {
        var store = Db.Events();
        var stored = await store.AppendAsync([Event(0, "a"), Event(1, "b")], Ct);

        await store.CountRepeatsAsync([new BootEventRepeat(stored[1].Id, 7, T0.AddMinutes(3))], Ct);

        var read = await store.ListAsync(0, null, 10, Ct);
        (read[0].Count, read[0].LastTime).ShouldBe((1, null));
        (read[1].Count, read[1].LastTime).ShouldBe((7, T0.AddMinutes(3)));
    }

    [Fact]
    public async Task AppendAsync_Batch_AssignsIncreasingIdsInOrderAndRoundTripsEveryField()
    {
        var store = Db.Events();
        var full = new BootEvent(
            new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567),
            "tftp.transfer", "10.0.0.7:2070", "52:54:00:00:00:02", "timeout", "no ack after 5 tries",
            new Dictionary<string, string> { ["file"] = "undionly.kpxe", ["blksize"] = "1468", ["bytes"] = "" })
        { MachineId = "m1" };
        var bare = new BootEvent(T0, "dhcp.discover", "0.0.0.0:68", null, "ignored", "");

        var stored = await store.AppendAsync([full, bare], Ct);

        stored.Count.ShouldBe(2);
        stored[0].Id.ShouldBeGreaterThan(0);
        stored[1].Id.ShouldBeGreaterThan(stored[0].Id);
        var read = await store.ListAsync(0, null, 10, Ct);
        read.Count.ShouldBe(2);
        read[0].Id.ShouldBe(stored[0].Id);
        read[0].Time.ShouldBe(full.Time);
        (read[0].Kind, read[0].Source, read[0].Mac, read[0].Outcome, read[0].Message, read[0].MachineId)
            .ShouldBe((full.Kind, full.Source, full.Mac, full.Outcome, full.Message, full.MachineId));
        read[0].Data.ShouldBe(full.Data, ignoreOrder: true);
        read[1].ShouldBe(stored[1] with { Data = null });
        read[1].Data.ShouldBeNull();
        read[1].MachineId.ShouldBeNull();
        read[1].Mac.ShouldBeNull();
    }

    [Fact]
    public async Task AppendAsync_EmptyBatch_StoresNothing()
    {
        (await Db.Events().AppendAsync([], Ct)).ShouldBeEmpty();
        (await Db.Events().ListAsync(0, null, 10, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListForMachineAsync_MoreThanLimit_ReturnsNewestOldestFirst()
    {
        var store = Db.Events();
        await store.AppendAsync(Enumerable.Range(0, 10).Select(i => Event(i, i % 2 == 0 ? "even" : "odd")).ToList(), Ct);

        var events = await store.ListForMachineAsync("even", 3, Ct);

        events.Select(e => e.Message).ShouldBe(["event 4", "event 6", "event 8"]);
        (await store.ListForMachineAsync("nobody", 3, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListAsync_AfterIdSinceAndLimit_PagesForward()
    {
        var store = Db.Events();
        var stored = await store.AppendAsync(Enumerable.Range(0, 10).Select(i => Event(i, "m")).ToList(), Ct);

        var firstPage = await store.ListAsync(0, null, 4, Ct);
        var secondPage = await store.ListAsync(firstPage[^1].Id, null, 4, Ct);
        var since = await store.ListAsync(0, T0.AddSeconds(7), 100, Ct);
        var sinceInOtherOffset = await store.ListAsync(0, T0.AddSeconds(7).ToOffset(TimeSpan.FromHours(-5)), 100, Ct);
        var both = await store.ListAsync(stored[8].Id, T0.AddSeconds(3), 100, Ct);

        firstPage.Select(e => e.Message).ShouldBe(["event 0", "event 1", "event 2", "event 3"]);
        secondPage.Select(e => e.Message).ShouldBe(["event 4", "event 5", "event 6", "event 7"]);
        since.Select(e => e.Message).ShouldBe(["event 7", "event 8", "event 9"]);
        sinceInOtherOffset.Select(e => e.Message).ShouldBe(["event 7", "event 8", "event 9"]);
        both.Select(e => e.Message).ShouldBe(["event 9"]);
    }

    [Fact]
    public async Task PruneAsync_PerMachineAndTotal_KeepsNewestAndCountsDeleted()
    {
        var store = Db.Events();
        // a: 6 events, b: 2 events, no machine: 3 events; interleaved so ids mix.
        var batch = new List<BootEvent>();
        for (var i = 0; i < 6; i++) batch.Add(Event(i, "a"));
        batch.Add(Event(10, "b"));
        batch.Add(Event(11, null));
        batch.Add(Event(12, "b"));
        batch.Add(Event(13, null));
        batch.Add(Event(14, null));
        await store.AppendAsync(batch, Ct);

        var perMachineDeleted = await store.PruneAsync(["a", "b"], perMachine: 3, total: 100, Ct);

        perMachineDeleted.ShouldBe(3);
        (await store.ListForMachineAsync("a", 100, Ct)).Select(e => e.Message).ShouldBe(["event 3", "event 4", "event 5"]);
        (await store.ListForMachineAsync("b", 100, Ct)).Count.ShouldBe(2);
        (await store.ListAsync(0, null, 100, Ct)).Count.ShouldBe(8);

        var totalDeleted = await store.PruneAsync([], perMachine: 3, total: 4, Ct);

        totalDeleted.ShouldBe(4);
        (await store.ListAsync(0, null, 100, Ct)).Select(e => e.Message).ShouldBe(["event 11", "event 12", "event 13", "event 14"]);
        (await store.PruneAsync(["a", "b"], perMachine: 3, total: 4, Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task PruneAsync_Everything_NeverReusesIds()
    {
        var store = Db.Events();
        var first = await store.AppendAsync([Event(0, "m"), Event(1, "m")], Ct);

        (await store.PruneAsync(["m"], perMachine: 0, total: 0, Ct)).ShouldBe(2);
        var next = await store.AppendAsync([Event(2, "m")], Ct);

        next[0].Id.ShouldBeGreaterThan(first[1].Id);
    }

    [Fact]
    public async Task PruneAsync_MachineNotListed_KeepsAllItsEvents()
    {
        var store = Db.Events();
        await store.AppendAsync([Event(0, "a"), Event(1, "a"), Event(2, "a"), Event(3, "b"), Event(4, "b"), Event(5, "b")], Ct);

        (await store.PruneAsync(["a"], perMachine: 1, total: 100, Ct)).ShouldBe(2);

        (await store.ListForMachineAsync("a", 100, Ct)).Select(e => e.Message).ShouldBe(["event 2"]);
        (await store.ListForMachineAsync("b", 100, Ct)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Recorder_ManyEventsForOneMachine_PrunesItToRetentionPlusSlack()
    {
        var store = Db.Events();
        var retention = new BootEventRetention { PerMachine = 20, Total = 1000 };
        var recorder = new BootEventRecorder(store, Db.Machines(), new MachineAddressBook(), retention, new RepeatFolding(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<BootEventRecorder>.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var stored = 0;
        var allStored = new TaskCompletionSource();
        recorder.Stored += batch =>
        {
            if (Interlocked.Add(ref stored, batch.Count) == 100) allStored.TrySetResult();
        };
        var run = recorder.RunAsync([], stop.Token);

        for (var i = 0; i < 100; i++) recorder.Record(Event(i, "a"));
        await allStored.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await stop.CancelAsync();
        await run;

        var kept = await store.ListForMachineAsync("a", 1000, Ct);
        kept.Count.ShouldBeInRange(retention.PerMachine, retention.PerMachine + retention.MachineSlack);
        kept[^1].Message.ShouldBe("event 99");
    }
}
