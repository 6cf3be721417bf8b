using System.Security.Cryptography;
using System.Text;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Boot;
using Fleetboot.Core.Catalog;
using Fleetboot.Core.Events;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Validation;

namespace Fleetboot.Core.Lifecycle;

/// <summary>
/// Moves machines through their lifecycle: operators' commands, installers' callbacks, and what the
/// boot timeline shows (an install that started, a fetch that failed, an install that went quiet).
/// Every change of state is itself put on the timeline.
/// </summary>
public sealed class MachineLifecycle(
    MachineRegistry registry, IMachineStore machines, CatalogCache catalog, IBootEventSink events, TimeProvider time) : IBootEventObserver
{
    public static readonly TimeSpan DefaultInstallTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Activity is stored at most this often per machine: timeouts are minutes, and a boot storm should not write per request.</summary>
    public static readonly TimeSpan ActivityResolution = TimeSpan.FromSeconds(30);

    private readonly ActivityStamps _activity = new();

    /// <returns>null when no machine answers to <paramref name="reference"/>.</returns>
    /// <exception cref="InvalidTransitionException">the machine's state does not accept the command.</exception>
    /// <exception cref="ValidationException">adopt without a host name, or provision without a profile to install.</exception>
    public async Task<Machine?> ApplyAsync(string reference, LifecycleCommand command, string? hostname, string? profile, CancellationToken ct)
    {
        var machine = await registry.FindAsync(reference, ct);
        if (machine is null) return null;
        var name = machine.Hostname ?? machine.PrimaryMac.ToString();
        if (!LifecycleRules.Allows(machine.State, command))
            throw new InvalidTransitionException(name, machine.State, command.ToString().ToLowerInvariant(), LifecycleRules.Allowed(machine.State));

        if (command == LifecycleCommand.Adopt)
        {
            if (string.IsNullOrWhiteSpace(hostname)) throw new ValidationException("hostname", "adopting a machine needs a host name");
            machine = await registry.ReplaceAsync(machine.Id, SpecOf(machine) with { Hostname = hostname, Profile = profile ?? machine.ProfileId }, ct)
                ?? throw new InvalidOperationException($"machine {machine.Id} vanished while being adopted");
        }
        else if (command is LifecycleCommand.Provision or LifecycleCommand.Reprovision && !await HasProfileAsync(machine, ct))
        {
            throw new ValidationException("profile", $"{name} has no profile and no group gives it one; set one with: fleetboot machines set {name} --profile ID");
        }
        var target = LifecycleRules.Target(command, machine.ProfileId is not null);
        return await MoveAsync(machine, target, $"{command.ToString().ToLowerInvariant()} by operator", null, null, ct);
    }

    /// <summary>The machine a callback is for, if the caller presented its token.</summary>
    /// <exception cref="CallbackDeniedException">unknown MAC, or a missing or wrong token.</exception>
    public async Task<Machine> AuthenticateAsync(string mac, string? token, CancellationToken ct)
    {
        var machine = MacAddress.TryParse(mac, out var address) ? await machines.FindByMacAsync(address, ct) : null;
        if (machine is null || string.IsNullOrEmpty(token) || machine.Token.Length == 0
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(machine.Token)))
            throw new CallbackDeniedException($"no machine {mac} with that token");
        return machine;
    }

    /// <summary>The installer says how far it got. A provisioning machine is now installing.</summary>
    public async Task<Machine> ReportProgressAsync(Machine machine, string? phase, string? message, int? percent, string source, CancellationToken ct)
    {
        percent = percent is null ? null : Math.Clamp(percent.Value, 0, 100);
        Record(machine, "callback.progress", source, "ok", message ?? phase ?? "progress",
            new Dictionary<string, string> { ["phase"] = phase ?? "", ["percent"] = percent?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "" });
        var now = time.GetUtcNow();
        var target = machine.State is MachineState.Provisioning or MachineState.Failed ? MachineState.Installing : machine.State;
        var updated = machine with { Phase = phase ?? machine.Phase, Percent = percent ?? machine.Percent, StateReason = message ?? machine.StateReason, LastActivityAt = now };
        if (target != machine.State) return await MoveAsync(updated, target, message ?? $"phase {phase}", phase, percent, ct);
        await registry.SaveAsync(updated, ct);
        return updated;
    }

    /// <summary>The install finished: with netboot once, the machine boots its disk from now on. Repeating it changes nothing.</summary>
    public async Task<Machine> ReportDoneAsync(Machine machine, string? message, string source, CancellationToken ct)
    {
        if (machine.State == MachineState.Installed) return machine;
        RequireCallbackState(machine, "done");
        Record(machine, "callback.done", source, "ok", message ?? "install finished");
        return await MoveAsync(machine, MachineState.Installed, message ?? "install finished", "done", 100, ct);
    }

    /// <summary>The installer gave up. Repeating it with the same reason changes nothing.</summary>
    public async Task<Machine> ReportFailedAsync(Machine machine, string reason, string source, CancellationToken ct)
    {
        if (machine.State == MachineState.Failed && machine.StateReason == reason) return machine;
        RequireCallbackState(machine, "failed");
        Record(machine, "callback.failed", source, "failed", reason);
        return await MoveAsync(machine, MachineState.Failed, reason, machine.Phase, machine.Percent, ct);
    }

    /// <summary>
    /// Follows installs on the timeline. A machine whose activity was stored moments ago is not read again for an event
    /// that can only be activity; any other is read once per batch, and activity stamps (the common case in a boot
    /// storm) are gathered and written in one commit instead of one durable write per machine.
    /// </summary>
    public async Task ObserveAsync(IReadOnlyList<BootEvent> stored, CancellationToken ct)
    {
        var current = new Dictionary<string, Machine?>(StringComparer.Ordinal);
        var active = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var e in stored)
        {
            if (e.Kind.StartsWith("state", StringComparison.Ordinal) || e.Kind.StartsWith("callback.", StringComparison.Ordinal)) continue;
            if (e.MachineId is not { } id)
            {
                // DHCP answers every client; only those it names netboot clients are worth recording.
                if (e.Mac is not null && (!e.Kind.StartsWith("dhcp.", StringComparison.Ordinal) || e.Kind == Dhcp.RegistryDhcpDirectory.NetbootClientEvent))
                    await DiscoverAsync(e, ct);
                continue;
            }
            var failure = FailureOf(e);
            if (failure is null && !StartsInstall(e) && _activity.IsRecent(id, e.Time)) continue;
            if (!current.TryGetValue(id, out var machine)) current[id] = machine = await machines.GetAsync(id, ct);
            if (machine is null || machine.State is not (MachineState.Provisioning or MachineState.Installing)) continue;
            if (failure is not null)
            {
                active.Remove(id);
                current[id] = await MoveAsync(machine, MachineState.Failed, failure, machine.Phase, machine.Percent, ct);
            }
            else if (machine.State == MachineState.Provisioning && StartsInstall(e))
            {
                active.Remove(id);
                current[id] = await MoveAsync(machine with { LastActivityAt = e.Time }, MachineState.Installing, $"fetched {Path(e)}", "fetch", machine.Percent, ct);
            }
            else if (e.Time - (machine.LastActivityAt ?? DateTimeOffset.MinValue) >= ActivityResolution)
            {
                current[id] = machine with { LastActivityAt = e.Time };
                active[id] = e.Time;
            }
            else
            {
                _activity.Remember(id, machine.LastActivityAt);
            }
        }
        if (active.Count == 0) return;
        await machines.RecordActivityAsync(active, ct);
        foreach (var (id, at) in active) _activity.Remember(id, at);
        _activity.Prune(stored[^1].Time);
    }

    /// <summary>Fails every install that has been quiet for longer than its profile allows.</summary>
    /// <returns>How many machines failed.</returns>
    public async Task<int> FailStalledAsync(CancellationToken ct)
    {
        var snapshot = await catalog.GetAsync(ct);
        var now = time.GetUtcNow();
        int failed = 0;
        foreach (var state in new[] { MachineState.Provisioning, MachineState.Installing })
        {
            for (int offset = 0; ; offset += 500)
            {
                var page = await machines.ListAsync(new MachineQuery { State = state, Offset = offset, Limit = 500 }, ct);
                foreach (var machine in page.Items)
                {
                    var timeout = Timeout(snapshot, machine);
                    var since = machine.LastActivityAt ?? machine.StateChangedAt ?? machine.UpdatedAt;
                    if (now - since <= timeout) continue;
                    var phase = machine.Phase ?? MachineNames.Of(machine.State);
                    await MoveAsync(machine, MachineState.Failed, $"no progress in phase {phase} for {(int)(now - since).TotalMinutes} min", machine.Phase, machine.Percent, ct);
                    failed++;
                }
                if (page.Items.Count < 500) break;
            }
        }
        return failed;
    }

    /// <summary>Records an unknown MAC seen on the wire, once, with what its request revealed.</summary>
    private async Task DiscoverAsync(BootEvent e, CancellationToken ct)
    {
        if (!MacAddress.TryParse(e.Mac, out var mac) || await machines.FindByMacAsync(mac, ct) is not null) return;
        var data = e.Data ?? new Dictionary<string, string>();
        string? Fact(string key) => data.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["discovered-by"] = e.Kind };
        if (Fact("vendorClass") is { } vendor) labels["vendor-class"] = vendor[..Math.Min(vendor.Length, 63)];
        var now = time.GetUtcNow();
        var machine = new Machine
        {
            Id = MachineIds.NewId(),
            Macs = [mac],
            Uuid = Guid.TryParse(Fact("uuid"), out var uuid) ? uuid : null,
            Arch = (Fact("arch") is "i386" ? CpuArchitecture.X86_64 : MachineNames.TryParseArch(Fact("arch"), out var arch) ? arch : CpuArchitecture.X86_64),
            Firmware = MachineNames.TryParseFirmware(Fact("firmware"), out var fw) ? fw : null,
            Labels = labels,
            Metadata = new System.Text.Json.Nodes.JsonObject { ["discoveredAddress"] = e.Source },
            State = MachineState.Discovered,
            StateReason = $"seen by {e.Kind} from {e.Source}",
            StateChangedAt = now,
            Token = MachineIds.NewToken(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        try
        {
            await machines.AddAsync(machine, ct);
        }
        catch (UniqueConflictException)
        {
            return; // another request recorded it first, or its UUID belongs to a registered machine
        }
        Record(machine, "state", e.Source, "discovered", $"discovered {mac} ({machine.StateReason})");
    }

    private async Task<Machine> MoveAsync(Machine machine, MachineState target, string reason, string? phase, int? percent, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var moved = machine with
        {
            State = target,
            StateReason = reason,
            Phase = target is MachineState.Provisioning or MachineState.Registered ? null : phase,
            Percent = target is MachineState.Provisioning or MachineState.Registered ? null : percent,
            StateChangedAt = now,
            LastActivityAt = target is MachineState.Provisioning ? now : machine.LastActivityAt,
        };
        await registry.SaveAsync(moved, ct);
        Record(moved, "state", "fleetboot", MachineNames.Of(target), $"{MachineNames.Of(machine.State)} -> {MachineNames.Of(target)}: {reason}",
            new Dictionary<string, string> { ["from"] = MachineNames.Of(machine.State), ["to"] = MachineNames.Of(target) });
        return moved;
    }

    private void Record(Machine machine, string kind, string source, string outcome, string message, IReadOnlyDictionary<string, string>? data = null) =>
        events.Record(new BootEvent(time.GetUtcNow(), kind, source, machine.PrimaryMac.ToString(), outcome, message, data) { MachineId = machine.Id });

    private static void RequireCallbackState(Machine machine, string callback)
    {
        if (machine.State is MachineState.Provisioning or MachineState.Installing or MachineState.Failed or MachineState.Installed) return;
        throw new InvalidTransitionException(machine.Hostname ?? machine.PrimaryMac.ToString(), machine.State, $"report {callback}",
            LifecycleRules.Allowed(machine.State));
    }

    private async Task<bool> HasProfileAsync(Machine machine, CancellationToken ct) =>
        machine.ProfileId is not null || GroupMatcher.Select((await catalog.GetAsync(ct)).Groups, machine, null) is not null;

    private static TimeSpan Timeout(CatalogSnapshot snapshot, Machine machine)
    {
        var profileId = machine.ProfileId ?? GroupMatcher.Select(snapshot.Groups, machine, null)?.ProfileId;
        return profileId is not null && snapshot.Profiles.TryGetValue(profileId, out var p) && p.InstallTimeoutMinutes is { } minutes
            ? TimeSpan.FromMinutes(minutes)
            : DefaultInstallTimeout;
    }

    /// <summary>A kernel, initrd or config the install needs could not be served: the install cannot go on.</summary>
    private static string? FailureOf(BootEvent e) => (e.Kind, e.Outcome) switch
    {
        ("http.asset", "not-found") => $"{Path(e)} answered 404",
        ("http.config" or "http.file", "not-found" or "render-error") => $"{Path(e)}: {e.Message}",
        ("http.ipxe" or "http.grub" or "http.pxelinux", "render-error") => $"{Path(e)}: {e.Message}",
        _ => null,
    };

    private static bool StartsInstall(BootEvent e) =>
        e.Outcome == "ok" && e.Kind is "http.asset" or "http.config" or "http.file";

    private static string Path(BootEvent e) => e.Data is not null && e.Data.TryGetValue("path", out var p) ? p : e.Kind;

    private static MachineSpec SpecOf(Machine m) => new()
    {
        Macs = m.Macs.Select(x => x.ToString()).ToList(),
        Uuid = m.Uuid?.ToString(),
        Hostname = m.Hostname,
        Serial = m.Serial,
        StaticIp = m.StaticIp,
        Arch = MachineNames.Of(m.Arch),
        Firmware = m.Firmware is { } f ? MachineNames.Of(f) : null,
        Role = m.Role,
        Labels = m.Labels,
        Features = m.Features,
        Specs = m.Specs,
        Metadata = m.Metadata,
        Profile = m.ProfileId,
        Netboot = MachineNames.Of(m.Netboot),
        LocalBoot = m.LocalBoot is { } l ? MachineNames.Of(l) : null,
        Loader = m.Loader,
    };
}
