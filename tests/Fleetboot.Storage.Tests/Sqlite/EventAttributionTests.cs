using Fleetboot.Core.Events;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleetboot.Storage.Tests.Sqlite;

/// <summary>The recorder puts each event on its machine's timeline: by MAC when the event has one, else by address.</summary>
public sealed class EventAttributionTests : DatabaseTest
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private async Task<IReadOnlyList<BootEvent>> RecordAllAsync(params BootEvent[] events)
    {
        var store = Db.Events();
        var recorder = new BootEventRecorder(store, Db.Machines(), new MachineAddressBook(), new BootEventRetention(), new RepeatFolding(),
            NullLogger<BootEventRecorder>.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = recorder.RunAsync([], stop.Token);
        foreach (var e in events) recorder.Record(e);
        await stop.CancelAsync();
        await run;
        return await store.ListAsync(0, null, 1000, Ct);
    }

    [Fact]
    public async Task UnknownMacFromAMachinesStaticAddress_IsNobodys_ButAnEventWithoutMacFromThereIsTheMachines()
    {
        // 10.0.0.5 is the relay's address in front of a DHCP client, or a router: the machine that holds it did not send the first event.
        await Db.Machines().AddAsync(SqliteMachineStoreTests.NewMachine("relay-box", "52:54:00:00:00:05") with { StaticIp = "10.0.0.5" }, Ct);

        var stored = await RecordAllAsync(
            new BootEvent(T0, "dhcp.offer", "10.0.0.5", "52:54:00:99:99:99", "ok", "dhcp.offer", null),
            new BootEvent(T0.AddSeconds(1), "tftp.transfer", "10.0.0.5", null, "ok", "undionly.kpxe", null));

        stored.Select(e => (e.Kind, e.MachineId)).ShouldBe([("dhcp.offer", null), ("tftp.transfer", "relay-box")]);
    }
}
