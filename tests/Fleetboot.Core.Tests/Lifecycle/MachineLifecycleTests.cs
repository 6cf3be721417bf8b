using Fleetboot.Core.Boot;
using Fleetboot.Core.Events;
using Fleetboot.Core.Lifecycle;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Tests.Fakes;
using Fleetboot.Core.Validation;

namespace Fleetboot.Core.Tests.Lifecycle;

public sealed class MachineLifecycleTests : IDisposable
{
    private readonly BootFixture _f = new(new BootOptions { DiscoveryProfile = null });
    private readonly RecordingEventSink _sink = new();
    private readonly MachineRegistry _registry;
    private readonly MachineLifecycle _lifecycle;

    public MachineLifecycleTests()
    {
        _registry = new MachineRegistry(_f.Machines, _f.Profiles, _f.Time);
        _lifecycle = new MachineLifecycle(_registry, _f.Machines, _f.Cache, _sink, _f.Time);
    }

    public void Dispose() => _f.Dispose();

    private static CancellationToken Ct => BootFixture.Ct;

    private async Task<Machine> AddAsync(MachineState state, string? profile = "linux")
    {
        if (profile is not null && await _f.Profiles.GetAsync(profile, Ct) is null) await _f.AddAsync(BootFixture.LinuxProfile(profile));
        return await _f.AddAsync(BootFixture.NewMachine(profile: profile) with { State = state, StateChangedAt = _f.Time.GetUtcNow() });
    }

    private async Task<Machine> ReloadAsync(Machine m) => (await _f.Machines.GetAsync(m.Id, Ct))!;

    [Theory]
    [InlineData(MachineState.Registered, LifecycleCommand.Provision, MachineState.Provisioning)]
    [InlineData(MachineState.Installed, LifecycleCommand.Reprovision, MachineState.Provisioning)]
    [InlineData(MachineState.Failed, LifecycleCommand.Reprovision, MachineState.Provisioning)]
    [InlineData(MachineState.Installing, LifecycleCommand.Reprovision, MachineState.Provisioning)]
    [InlineData(MachineState.Installed, LifecycleCommand.Reset, MachineState.Registered)]
    [InlineData(MachineState.Retired, LifecycleCommand.Reset, MachineState.Registered)]
    [InlineData(MachineState.Installing, LifecycleCommand.Retire, MachineState.Retired)]
    public async Task ApplyAsync_AllowedCommand_MovesAndRecordsStateEvent(MachineState from, LifecycleCommand command, MachineState to)
    {
        var machine = await AddAsync(from);

        var moved = await _lifecycle.ApplyAsync("web-01", command, null, null, Ct);

        moved!.State.ShouldBe(to);
        (await ReloadAsync(machine)).State.ShouldBe(to);
        _sink.Events.ShouldContain(e => e.Kind == "state" && e.MachineId == machine.Id && e.Data!["to"] == MachineNames.Of(to));
    }

    [Fact]
    public async Task ApplyAsync_InvalidCommand_ThrowsListingAllowedAndChangesNothing()
    {
        var machine = await AddAsync(MachineState.Installed);

        var e = await Should.ThrowAsync<InvalidTransitionException>(() => _lifecycle.ApplyAsync("web-01", LifecycleCommand.Provision, null, null, Ct));

        e.Message.ShouldContain("web-01 is installed: it cannot provision");
        e.Allowed.ShouldBe([LifecycleCommand.Reprovision, LifecycleCommand.Reset, LifecycleCommand.Retire]);
        (await ReloadAsync(machine)).State.ShouldBe(MachineState.Installed);
        _sink.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task ApplyAsync_ProvisionWithoutAnyProfile_IsAFieldError()
    {
        await AddAsync(MachineState.Registered, profile: null);

        var e = await Should.ThrowAsync<ValidationException>(() => _lifecycle.ApplyAsync("web-01", LifecycleCommand.Provision, null, null, Ct));

        e.Errors.ShouldHaveSingleItem().Field.ShouldBe("profile");
    }

    [Fact]
    public async Task ApplyAsync_UnknownMachine_ReturnsNull()
    {
        (await _lifecycle.ApplyAsync("nobody", LifecycleCommand.Retire, null, null, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task AuthenticateAsync_WrongOrMissingToken_IsDenied()
    {
        var machine = await AddAsync(MachineState.Provisioning);

        await Should.ThrowAsync<CallbackDeniedException>(() => _lifecycle.AuthenticateAsync("52:54:00:00:00:01", "wrong", Ct));
        await Should.ThrowAsync<CallbackDeniedException>(() => _lifecycle.AuthenticateAsync("52:54:00:00:00:01", null, Ct));
        await Should.ThrowAsync<CallbackDeniedException>(() => _lifecycle.AuthenticateAsync("52:54:00:00:00:99", machine.Token, Ct));
        (await _lifecycle.AuthenticateAsync("52-54-00-00-00-01", machine.Token, Ct)).Id.ShouldBe(machine.Id);
    }

    [Fact]
    public async Task Callbacks_ProgressThenDone_GoInstallingThenInstalled()
    {
        var machine = await AddAsync(MachineState.Provisioning);

        var installing = await _lifecycle.ReportProgressAsync(machine, "partitioning", "wiping /dev/vda", 10, "10.0.0.5", Ct);
        installing.State.ShouldBe(MachineState.Installing);
        installing.Phase.ShouldBe("partitioning");
        installing.Percent.ShouldBe(10);

        var again = await _lifecycle.ReportProgressAsync(installing, "packages", null, 150, "10.0.0.5", Ct);
        again.Percent.ShouldBe(100);
        again.State.ShouldBe(MachineState.Installing);

        var done = await _lifecycle.ReportDoneAsync(again, null, "10.0.0.5", Ct);
        done.State.ShouldBe(MachineState.Installed);
        (await ReloadAsync(machine)).State.ShouldBe(MachineState.Installed);
    }

    [Fact]
    public async Task ReportDoneAsync_Repeated_ChangesNothing()
    {
        var machine = await AddAsync(MachineState.Installing);
        var done = await _lifecycle.ReportDoneAsync(machine, null, "10.0.0.5", Ct);
        var eventsAfterFirst = _sink.Events.Count;

        var again = await _lifecycle.ReportDoneAsync(done, null, "10.0.0.5", Ct);

        again.State.ShouldBe(MachineState.Installed);
        _sink.Events.Count.ShouldBe(eventsAfterFirst);
    }

    [Fact]
    public async Task ReportDoneAsync_RegisteredMachine_IsAnInvalidTransition()
    {
        var machine = await AddAsync(MachineState.Registered);

        await Should.ThrowAsync<InvalidTransitionException>(() => _lifecycle.ReportDoneAsync(machine, null, "10.0.0.5", Ct));
        (await ReloadAsync(machine)).State.ShouldBe(MachineState.Registered);
    }

    [Fact]
    public async Task ReportFailedAsync_KeepsReason_AndRepeatIsIdempotent()
    {
        var machine = await AddAsync(MachineState.Installing);

        var failed = await _lifecycle.ReportFailedAsync(machine, "disk not found", "10.0.0.5", Ct);
        var count = _sink.Events.Count;
        await _lifecycle.ReportFailedAsync(failed, "disk not found", "10.0.0.5", Ct);

        failed.State.ShouldBe(MachineState.Failed);
        failed.StateReason.ShouldBe("disk not found");
        _sink.Events.Count.ShouldBe(count);
    }

    [Fact]
    public async Task ObserveAsync_AssetFetchWhileProvisioning_StartsInstalling()
    {
        var machine = await AddAsync(MachineState.Provisioning);

        await _lifecycle.ObserveAsync([Event(machine, "http.asset", "ok", "/assets/linux/vmlinuz")], Ct);

        var reloaded = await ReloadAsync(machine);
        reloaded.State.ShouldBe(MachineState.Installing);
        reloaded.StateReason.ShouldBe("fetched /assets/linux/vmlinuz");
    }

    [Fact]
    public async Task ObserveAsync_ScriptFetchWhileProvisioning_StaysProvisioning()
    {
        var machine = await AddAsync(MachineState.Provisioning);

        await _lifecycle.ObserveAsync([Event(machine, "http.ipxe", "ok", "/ipxe?mac=52:54:00:00:00:01")], Ct);

        (await ReloadAsync(machine)).State.ShouldBe(MachineState.Provisioning);
    }

    [Theory]
    [InlineData("http.asset", "not-found", "/assets/linux/vmlinuz answered 404")]
    [InlineData("http.config", "render-error", "/config/ignition?mac=52:54:00:00:00:01: boom")]
    [InlineData("http.ipxe", "render-error", "/ipxe?x: boom")]
    public async Task ObserveAsync_FailedFetchWhileInstalling_FailsAtOnce(string kind, string outcome, string reason)
    {
        var machine = await AddAsync(MachineState.Installing);
        var path = kind switch { "http.asset" => "/assets/linux/vmlinuz", "http.config" => "/config/ignition?mac=52:54:00:00:00:01", _ => "/ipxe?x" };

        await _lifecycle.ObserveAsync([Event(machine, kind, outcome, path, "boom")], Ct);

        var reloaded = await ReloadAsync(machine);
        reloaded.State.ShouldBe(MachineState.Failed);
        reloaded.StateReason.ShouldBe(reason);
    }

    [Fact]
    public async Task ObserveAsync_FailedFetchOfInstalledMachine_ChangesNothing()
    {
        var machine = await AddAsync(MachineState.Installed);

        await _lifecycle.ObserveAsync([Event(machine, "http.asset", "not-found", "/assets/x")], Ct);

        (await ReloadAsync(machine)).State.ShouldBe(MachineState.Installed);
    }

    [Fact]
    public async Task ObserveAsync_BatchOfScriptFetches_StoresActivityOfEveryMachine()
    {
        var first = await AddAsync(MachineState.Provisioning);
        var second = await _f.AddAsync(BootFixture.NewMachine(mac: "52:54:00:00:00:02", hostname: "web-02", profile: "linux")
            with { State = MachineState.Provisioning, StateChangedAt = _f.Time.GetUtcNow() });
        var seen = _f.Time.GetUtcNow();

        await _lifecycle.ObserveAsync([Event(first, "http.ipxe", "ok", "/ipxe"), Event(second, "http.ipxe", "ok", "/ipxe"), Event(first, "http.ipxe", "ok", "/ipxe")], Ct);

        (await ReloadAsync(first)).LastActivityAt.ShouldBe(seen);
        (await ReloadAsync(second)).LastActivityAt.ShouldBe(seen);
    }

    [Fact]
    public async Task ObserveAsync_ActivityThenFetchInSameBatch_MovesOnceWithActivity()
    {
        var machine = await AddAsync(MachineState.Provisioning);
        var script = Event(machine, "http.ipxe", "ok", "/ipxe");
        _f.Time.Advance(TimeSpan.FromSeconds(5));
        var asset = Event(machine, "http.asset", "ok", "/assets/linux/vmlinuz");

        await _lifecycle.ObserveAsync([script, asset, Event(machine, "http.ipxe", "ok", "/ipxe")], Ct);

        var reloaded = await ReloadAsync(machine);
        reloaded.State.ShouldBe(MachineState.Installing);
        reloaded.LastActivityAt.ShouldBe(asset.Time);
        _sink.Events.Count(e => e.Kind == "state").ShouldBe(1);
    }

    [Fact]
    public async Task ObserveAsync_FailureRightAfterStoredActivity_StillFails()
    {
        var machine = await AddAsync(MachineState.Installing);
        await _lifecycle.ObserveAsync([Event(machine, "http.ipxe", "ok", "/ipxe")], Ct);

        await _lifecycle.ObserveAsync([Event(machine, "http.asset", "not-found", "/assets/linux/vmlinuz")], Ct);

        (await ReloadAsync(machine)).State.ShouldBe(MachineState.Failed);
    }

    [Fact]
    public async Task ObserveAsync_ActivityAfterResolution_StoresNewStamp()
    {
        var machine = await AddAsync(MachineState.Provisioning);
        await _lifecycle.ObserveAsync([Event(machine, "http.ipxe", "ok", "/ipxe")], Ct);
        _f.Time.Advance(MachineLifecycle.ActivityResolution - TimeSpan.FromSeconds(1));
        await _lifecycle.ObserveAsync([Event(machine, "http.ipxe", "ok", "/ipxe")], Ct);
        var first = (await ReloadAsync(machine)).LastActivityAt;
        _f.Time.Advance(TimeSpan.FromSeconds(1));

        await _lifecycle.ObserveAsync([Event(machine, "http.ipxe", "ok", "/ipxe")], Ct);

        (await ReloadAsync(machine)).LastActivityAt.ShouldBe(_f.Time.GetUtcNow());
        first.ShouldBe(_f.Time.GetUtcNow() - MachineLifecycle.ActivityResolution);
    }

    [Fact]
    public async Task ObserveAsync_ReprovisionedAfterStoredActivity_StartsInstallingOnFetch()
    {
        var machine = await AddAsync(MachineState.Provisioning);
        await _lifecycle.ObserveAsync([Event(machine, "http.asset", "ok", "/assets/linux/vmlinuz")], Ct);
        await _lifecycle.ApplyAsync("web-01", LifecycleCommand.Reprovision, null, null, Ct);

        await _lifecycle.ObserveAsync([Event(machine, "http.config", "ok", "/config/ignition")], Ct);

        (await ReloadAsync(machine)).State.ShouldBe(MachineState.Installing);
    }

    [Fact]
    public async Task ObserveAsync_UnknownMac_RecordsDiscoveredMachineOnce()
    {
        var e = new BootEvent(_f.Time.GetUtcNow(), "http.ipxe", "10.0.0.77", "52:54:00:00:00:77", "ok", "served",
            new Dictionary<string, string> { ["arch"] = "arm64", ["firmware"] = "efi", ["uuid"] = "4c4c4544-0000-1000-8000-000000000077" });

        await _lifecycle.ObserveAsync([e, e], Ct);

        var discovered = (await _f.Machines.FindByMacAsync(MacAddress.Parse("52:54:00:00:00:77"), Ct))!;
        discovered.State.ShouldBe(MachineState.Discovered);
        discovered.Arch.ShouldBe(CpuArchitecture.Arm64);
        discovered.Firmware.ShouldBe(FirmwareKind.Uefi);
        discovered.Uuid.ShouldBe(Guid.Parse("4c4c4544-0000-1000-8000-000000000077"));
        _sink.Events.Count(x => x.Outcome == "discovered").ShouldBe(1);
    }

    [Fact]
    public async Task ApplyAsync_AdoptDiscovered_SetsHostnameAndProvisions()
    {
        await _f.AddAsync(BootFixture.LinuxProfile());
        var discovered = await _f.AddAsync(BootFixture.NewMachine(hostname: null) with { State = MachineState.Discovered });

        var adopted = await _lifecycle.ApplyAsync("52:54:00:00:00:01", LifecycleCommand.Adopt, "web-09", "linux", Ct);

        adopted!.Hostname.ShouldBe("web-09");
        adopted.ProfileId.ShouldBe("linux");
        adopted.State.ShouldBe(MachineState.Provisioning);
        adopted.Id.ShouldBe(discovered.Id);
    }

    [Fact]
    public async Task FailStalledAsync_QuietLongerThanTimeout_FailsWithPhaseAndMinutes()
    {
        var machine = await AddAsync(MachineState.Installing);
        await _lifecycle.ReportProgressAsync(machine, "packages", null, 40, "10.0.0.5", Ct);

        _f.Time.Advance(TimeSpan.FromMinutes(29));
        (await _lifecycle.FailStalledAsync(Ct)).ShouldBe(0);
        _f.Time.Advance(TimeSpan.FromMinutes(2));
        (await _lifecycle.FailStalledAsync(Ct)).ShouldBe(1);

        var reloaded = await ReloadAsync(machine);
        reloaded.State.ShouldBe(MachineState.Failed);
        reloaded.StateReason.ShouldBe("no progress in phase packages for 31 min");
    }

    [Fact]
    public async Task FailStalledAsync_ProfileTimeout_IsUsed()
    {
        await _f.AddAsync(BootFixture.LinuxProfile("quick") with { InstallTimeoutMinutes = 5 });
        var machine = await _f.AddAsync(BootFixture.NewMachine(profile: "quick") with { StateChangedAt = _f.Time.GetUtcNow() });

        _f.Time.Advance(TimeSpan.FromMinutes(6));

        (await _lifecycle.FailStalledAsync(Ct)).ShouldBe(1);
        (await ReloadAsync(machine)).StateReason.ShouldBe("no progress in phase provisioning for 6 min");
    }

    private BootEvent Event(Machine machine, string kind, string outcome, string path, string message = "m") =>
        new(_f.Time.GetUtcNow(), kind, "10.0.0.5", machine.PrimaryMac.ToString(), outcome, message, new Dictionary<string, string> { ["path"] = path })
        { MachineId = machine.Id };
}
