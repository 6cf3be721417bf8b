using Fleetboot.Core.Machines;
using Fleetboot.Core.Tests.Fakes;

namespace Fleetboot.Core.Tests.Machines;

public sealed class CachedMachineStoreTests
{
    private static readonly MacAddress Mac = MacAddress.Parse("52:54:00:00:00:01");
    private readonly InMemoryMachineStore _stored = new();
    private readonly GatedMachineStore _inner;
    private readonly ManualTimeProvider _time = new();
    private readonly CachedMachineStore _cache;

    public CachedMachineStoreTests()
    {
        _inner = new GatedMachineStore(_stored);
        _cache = new CachedMachineStore(_inner, _time);
    }

    private static CancellationToken Ct => BootFixture.Ct;

    [Fact]
    public async Task FindByMacAsync_TwiceWithinMaxAge_ReadsTheStoreOnceAndServesTheSameInstance()
    {
        await _cache.AddAsync(BootFixture.NewMachine(), Ct);

        var first = await _cache.FindByMacAsync(Mac, Ct);
        _time.Advance(CachedMachineStore.MaxAge - TimeSpan.FromMilliseconds(1));
        var second = await _cache.FindByMacAsync(Mac, Ct);
        var byId = await _cache.GetAsync(first!.Id, Ct);

        second.ShouldBeSameAs(first);
        byId.ShouldBeSameAs(first);
        _inner.Lookups.ShouldBe(1);
    }

    [Fact]
    public async Task RecordActivityAsync_CachedMachine_TakesTheNewerStampWithoutAnotherRead()
    {
        await _cache.AddAsync(BootFixture.NewMachine(), Ct);
        var before = await _cache.FindByMacAsync(Mac, Ct);
        var at = _time.GetUtcNow();

        await _cache.RecordActivityAsync(new Dictionary<string, DateTimeOffset> { [before!.Id] = at }, Ct);
        await _cache.RecordActivityAsync(new Dictionary<string, DateTimeOffset> { [before.Id] = at.AddMinutes(-1) }, Ct); // stamps only move forward

        var after = await _cache.FindByMacAsync(Mac, Ct);
        after!.LastActivityAt.ShouldBe(at);
        (after with { LastActivityAt = before.LastActivityAt }).ShouldBe(before);
        _inner.Lookups.ShouldBe(1);
        (await _stored.GetAsync(before.Id, Ct))!.LastActivityAt.ShouldBe(at);
    }

    [Fact]
    public async Task FindByMacAsync_AfterUpdateThroughTheCache_ServesTheNewMachine()
    {
        var machine = BootFixture.NewMachine();
        await _cache.AddAsync(machine, Ct);
        await _cache.FindByMacAsync(Mac, Ct);

        await _cache.UpdateAsync(machine with { State = MachineState.Installed }, Ct);

        (await _cache.FindByMacAsync(Mac, Ct))!.State.ShouldBe(MachineState.Installed);
    }

    [Fact]
    public async Task FindByMacAsync_MacMovedToAnotherMachine_FindsTheNewHolder()
    {
        var first = BootFixture.NewMachine();
        await _cache.AddAsync(first, Ct);
        await _cache.FindByMacAsync(Mac, Ct);

        await _cache.RemoveAsync(first.Id, Ct);
        await _cache.AddAsync(BootFixture.NewMachine() with { Id = "m-second", Hostname = "second" }, Ct);

        (await _cache.FindByMacAsync(Mac, Ct))!.Id.ShouldBe("m-second");
    }

    [Fact]
    public async Task FindByMacAsync_WrittenBehindItsBack_ServesTheOldCopyUntilMaxAge()
    {
        var machine = BootFixture.NewMachine();
        await _cache.AddAsync(machine, Ct);
        await _cache.FindByMacAsync(Mac, Ct);

        // Another server writes through its own registry, which stamps the change.
        await _stored.UpdateAsync(machine with { Hostname = "renamed", UpdatedAt = machine.UpdatedAt.AddSeconds(1) }, Ct);

        (await _cache.FindByMacAsync(Mac, Ct))!.Hostname.ShouldBe("web-01");
        _time.Advance(CachedMachineStore.MaxAge);
        (await _cache.FindByMacAsync(Mac, Ct))!.Hostname.ShouldBe("renamed");
    }

    [Fact]
    public async Task FindByMacAsync_ReadAgainAfterMaxAgeUnchanged_KeepsTheSameInstance()
    {
        var machine = BootFixture.NewMachine();
        await _cache.AddAsync(machine, Ct);
        var first = await _cache.FindByMacAsync(Mac, Ct);
        await _stored.UpdateAsync(machine with { }, Ct); // an equal copy, as a database read gives

        _time.Advance(CachedMachineStore.MaxAge);
        var again = await _cache.FindByMacAsync(Mac, Ct);

        _inner.Lookups.ShouldBe(2);
        again.ShouldBeSameAs(first); // what was rendered for the first copy stays valid
    }

    [Fact]
    public async Task FindByMacAsync_UnknownMac_AsksTheStoreOncePerMaxAge()
    {
        (await _cache.FindByMacAsync(Mac, Ct)).ShouldBeNull();
        (await _cache.FindByMacAsync(Mac, Ct)).ShouldBeNull();
        _inner.Lookups.ShouldBe(1);

        await _stored.AddAsync(BootFixture.NewMachine(), Ct); // registered by another process
        (await _cache.FindByMacAsync(Mac, Ct)).ShouldBeNull();
        _time.Advance(CachedMachineStore.MaxAge);

        (await _cache.FindByMacAsync(Mac, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task FindByMacAsync_UnknownMacThenAddedThroughTheCache_FoundAtOnce()
    {
        (await _cache.FindByMacAsync(Mac, Ct)).ShouldBeNull();

        await _cache.AddAsync(BootFixture.NewMachine(), Ct);

        (await _cache.FindByMacAsync(Mac, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task FindByMacAsync_ReadRacingAWrite_DoesNotCacheWhatItRead()
    {
        var machine = BootFixture.NewMachine();
        await _cache.AddAsync(machine, Ct);
        var gate = new TaskCompletionSource();
        _inner.Gate = gate.Task;

        var staleRead = _cache.FindByMacAsync(Mac, Ct);
        await _inner.AtGate.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await _cache.UpdateAsync(machine with { State = MachineState.Installed }, Ct);
        gate.SetResult();
        (await staleRead)!.State.ShouldBe(MachineState.Provisioning);
        _inner.Gate = null;

        (await _cache.FindByMacAsync(Mac, Ct))!.State.ShouldBe(MachineState.Installed);
    }

    [Fact]
    public async Task FindByMacAsync_CapacityReached_StartsOverAndStillAnswers()
    {
        var small = new CachedMachineStore(_inner, _time, capacity: 2);
        for (var i = 1; i <= 3; i++)
            await small.AddAsync(BootFixture.NewMachine($"52:54:00:00:00:0{i}", $"web-0{i}"), Ct);

        for (var i = 1; i <= 3; i++)
            (await small.FindByMacAsync(MacAddress.Parse($"52:54:00:00:00:0{i}"), Ct))!.Hostname.ShouldBe($"web-0{i}");
        (await small.FindByMacAsync(MacAddress.Parse("52:54:00:00:00:03"), Ct)).ShouldNotBeNull();
        _inner.Lookups.ShouldBe(3);
    }
}
