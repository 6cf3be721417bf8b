using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Events;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleetboot.Storage.Tests.Sqlite;

/// <summary>
/// The recorder on a real database: it folds a machine's identical consecutive events into the first one's count, and
/// puts each event on its machine's timeline (by MAC when the event has one, else by address).
/// </summary>
public sealed class BootEventRecorderTests : DatabaseTest
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static BootEvent Fetch(int second, string machineId = "m1", string path = "/ipxe?mac=52:54:00:00:00:01") =>
        new(T0.AddSeconds(second), "http.ipxe", "10.0.0.5", "52:54:00:00:00:01", "ok", "served /ipxe",
            new Dictionary<string, string> { ["path"] = path, ["status"] = "200" }) { MachineId = machineId };

    private sealed class Collector : IBootEventObserver
    {
        public List<BootEvent> Seen { get; } = [];

        public Task ObserveAsync(IReadOnlyList<BootEvent> stored, CancellationToken ct)
        {
            lock (Seen) Seen.AddRange(stored);
            return Task.CompletedTask;
        }
    }

    private async Task<IReadOnlyList<BootEvent>> RecordAllAsync(RepeatFolding folding, IReadOnlyList<BootEvent> events, Collector? observer = null)
    {
        var store = Db.Events();
        var recorder = new BootEventRecorder(store, Db.Machines(), new MachineAddressBook(), new BootEventRetention(), folding,
            NullLogger<BootEventRecorder>.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = recorder.RunAsync(observer is null ? [] : [observer], stop.Token);
        foreach (var e in events) recorder.Record(e);
        await stop.CancelAsync();
        await run;
        return await store.ListAsync(0, null, 1000, Ct);
    }

    [Fact]
    public async Task IdenticalConsecutiveEvents_AreStoredOnceWithTheirCountAndLastTime()
    {
        var events = Enumerable.Range(0, 30).Select(i => Fetch(i)).Append(Fetch(30, path: "/ipxe?mac=52:54:00:00:00:01&retry=1")).Append(Fetch(31)).ToList();

        var stored = await RecordAllAsync(new RepeatFolding(), events);

        stored.Count.ShouldBe(3);
        (stored[0].Count, stored[0].Time, stored[0].LastTime).ShouldBe((30, T0, T0.AddSeconds(29)));
        (stored[1].Count, stored[1].LastTime).ShouldBe((1, null));
        stored[1].Data!["path"].ShouldEndWith("retry=1");
        (stored[2].Count, stored[2].Time).ShouldBe((1, T0.AddSeconds(31)));
    }

    [Fact]
    public async Task OtherMachinesInBetween_DoNotEndARun()
    {
        var events = new[] { Fetch(0), Fetch(1, "m2"), Fetch(2), Fetch(3, "m2"), Fetch(4) };

        var stored = await RecordAllAsync(new RepeatFolding(), events);

        stored.Select(e => (e.MachineId, e.Count)).ShouldBe([("m1", 3), ("m2", 2)]);
    }

    [Fact]
    public async Task ARepeatAfterTheWindow_IsANewEvent()
    {
        var stored = await RecordAllAsync(new RepeatFolding { Window = TimeSpan.FromMinutes(1) }, [Fetch(0), Fetch(50), Fetch(200)]);

        stored.Select(e => e.Count).ShouldBe([2, 1]);
    }

    [Fact]
    public async Task EventsWithoutAMachine_AreNeverFolded()
    {
        var stored = await RecordAllAsync(new RepeatFolding(), [Fetch(0) with { MachineId = null, Mac = null }, Fetch(1) with { MachineId = null, Mac = null }]);

        stored.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Observers_SeeEveryRepeat()
    {
        var observer = new Collector();

        await RecordAllAsync(new RepeatFolding(), Enumerable.Range(0, 10).Select(i => Fetch(i)).ToList(), observer);

        observer.Seen.Select(e => e.Time).ShouldBe(Enumerable.Range(0, 10).Select(i => T0.AddSeconds(i)));
    }

    [Fact]
    public async Task WhileRunning_TheCountIsWrittenWithinWriteEvery()
    {
        var store = Db.Events();
        var recorder = new BootEventRecorder(store, Db.Machines(), new MachineAddressBook(), new BootEventRetention(),
            new RepeatFolding { WriteEvery = TimeSpan.FromMilliseconds(200) }, NullLogger<BootEventRecorder>.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = recorder.RunAsync([], stop.Token);
        try
        {
            for (var i = 0; i < 5; i++) recorder.Record(Fetch(i));

            var deadline = DateTime.UtcNow.AddSeconds(20);
            IReadOnlyList<BootEvent> stored;
            do
            {
                await Task.Delay(50, Ct);
                stored = await store.ListAsync(0, null, 10, Ct);
            }
            while ((stored.Count == 0 || stored[0].Count < 5) && DateTime.UtcNow < deadline);

            stored.Count.ShouldBe(1);
            (stored[0].Count, stored[0].LastTime).ShouldBe((5, T0.AddSeconds(4)));
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }
    }

    [Fact]
    public async Task UnknownMacFromAMachinesStaticAddress_IsNobodys_ButAnEventWithoutMacFromThereIsTheMachines()
    {
        // 10.0.0.5 is a relay in front of DHCP clients: the machine that holds the address did not send the first event.
        await Db.Machines().AddAsync(SqliteMachineStoreTests.NewMachine("relay-box", "52:54:00:00:00:05") with { StaticIp = "10.0.0.5" }, Ct);

        var stored = await RecordAllAsync(new RepeatFolding(), [
            new BootEvent(T0, "dhcp.offer", "10.0.0.5", "52:54:00:99:99:99", "ok", "dhcp.offer", null),
            new BootEvent(T0.AddSeconds(1), "tftp.transfer", "10.0.0.5", null, "ok", "undionly.kpxe", null)]);

        stored.Select(e => (e.Kind, e.MachineId)).ShouldBe([("dhcp.offer", null), ("tftp.transfer", "relay-box")]);
    }

    /// <summary>A recorder running on the test database until disposed; <see cref="StoredAsync"/> waits for what it wrote.</summary>
    private sealed class Running : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop;
        private readonly Task _run;

        public Running(BootEventRecorderTests test, RepeatFolding folding, Collector observer)
        {
            Store = test.Db.Events();
            Recorder = new BootEventRecorder(Store, test.Db.Machines(), new MachineAddressBook(), new BootEventRetention(), folding, NullLogger<BootEventRecorder>.Instance);
            _stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            _run = Recorder.RunAsync([observer], _stop.Token);
        }

        public Fleetboot.Storage.Sqlite.SqliteBootEventStore Store { get; }
        public BootEventRecorder Recorder { get; }

        public async Task<IReadOnlyList<BootEvent>> StoredAsync(Func<IReadOnlyList<BootEvent>, bool> done)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            IReadOnlyList<BootEvent> stored;
            do
            {
                await Task.Delay(20);
                stored = await Store.ListAsync(0, null, 100, CancellationToken.None);
            }
            while (!done(stored) && DateTime.UtcNow < deadline);
            return stored;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run;
            _stop.Dispose();
        }
    }

    [Fact]
    public async Task RepeatsOfAStoredEvent_FoldAsRecorded_AndObserversSeeTheNewestWhenItsCountIsWritten()
    {
        var observer = new Collector();
        await using var running = new Running(this, new RepeatFolding { WriteEvery = TimeSpan.FromMilliseconds(200) }, observer);
        running.Recorder.Record(Fetch(0));
        await running.StoredAsync(s => s.Count == 1);

        for (var i = 1; i < 10; i++) running.Recorder.Record(Fetch(i));
        var stored = await running.StoredAsync(s => s.Count == 1 && s[0].Count == 10);

        (stored.Single().Count, stored.Single().LastTime).ShouldBe((10, T0.AddSeconds(9)));
        lock (observer.Seen) observer.Seen.Select(e => e.Time).ShouldBe([T0, T0.AddSeconds(9)]); // not one by one: they never waited in the queue
    }

    [Fact]
    public async Task ARepeatRecordedWhileAnotherEventOfItsMachineWaits_StartsANewEvent()
    {
        await using var running = new Running(this, new RepeatFolding(), new Collector());
        running.Recorder.Record(Fetch(0));
        await running.StoredAsync(s => s.Count == 1);

        running.Recorder.Record(Fetch(1, path: "/ipxe?mac=52:54:00:00:00:01&retry=1"));
        running.Recorder.Record(Fetch(2)); // repeats the stored event, but not consecutively: the retry came in between

        var stored = await running.StoredAsync(s => s.Count == 3);
        stored.Select(e => (e.Time, e.Count)).ShouldBe([(T0, 1), (T0.AddSeconds(1), 1), (T0.AddSeconds(2), 1)]);
    }

    [Fact]
    public async Task ARepeatRecordedWhileAnEventOfUnknownMachineWaits_StartsANewEventWhenThatWasItsMachines()
    {
        var machine = SqliteMachineStoreTests.NewMachine("node-1", "52:54:00:00:00:01");
        await Db.Machines().AddAsync(machine, Ct);
        await using var running = new Running(this, new RepeatFolding(), new Collector());
        running.Recorder.Record(Fetch(0, machine.Id));
        await running.StoredAsync(s => s.Count == 1);

        // The DHCP event names only the MAC: the recorder finds its machine later, so the repeat after it must wait its turn.
        running.Recorder.Record(new BootEvent(T0.AddSeconds(1), "dhcp.ack", "0.0.0.0:68", "52:54:00:00:00:01", "ok", "dhcp.ack", null));
        running.Recorder.Record(Fetch(2, machine.Id));

        var stored = await running.StoredAsync(s => s.Count == 3);
        stored.Select(e => (e.Kind, e.MachineId, e.Count)).ShouldBe([("http.ipxe", machine.Id, 1), ("dhcp.ack", machine.Id, 1), ("http.ipxe", machine.Id, 1)]);
    }
}
