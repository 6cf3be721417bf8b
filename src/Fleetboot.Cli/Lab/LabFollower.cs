using Fleetboot.Core.Events;

namespace Fleetboot.Cli.Lab;

/// <summary>Follows a lab VM's boot: its timeline from the server's database and the installer's markers on its serial console.</summary>
public static class LabFollower
{
    public const string InstallerMarker = "FLEETBOOT-INSTALLER";
    public const string DoneMarker = "FLEETBOOT-INSTALLER: done";
    public const string FailedMarker = "FLEETBOOT-INSTALLER-FAILED";
    public const string DiskWrittenMarker = "FLEETBOOT-INSTALLER: disk marker written";
    public const string NotReportedMarker = "FLEETBOOT-INSTALLER: installed, but the done callback was not accepted";

    /// <summary>Prints timeline events and installer lines until the VM powers off or <paramref name="timeout"/> passes.</summary>
    public static async Task FollowAsync(LabLayout layout, QemuVmSpec vm, LabProcess process, string machineId, DateTime started,
        TimeSpan timeout, Action<string> say, CancellationToken ct)
    {
        await using var registry = await LabRegistry.OpenAsync(layout.Data, ct);
        // Only this power-on's events: start after the newest event stored so far.
        long lastEvent = await LatestEventIdAsync(registry, ct);
        var seenLines = 0;
        var deadline = started + timeout;
        var exited = false;
        while (!exited)
        {
            exited = process.HasExited;
            foreach (var e in await NewEventsAsync(registry, machineId, lastEvent, ct))
            {
                lastEvent = Math.Max(lastEvent, e.Id);
                say($"{vm.Name} {Elapsed(started)} {e.Kind} {e.Outcome}: {e.Message}");
            }
            var lines = LabServer.ReadShared(vm.SerialLogPath).Split('\n');
            for (; seenLines < lines.Length - 1; seenLines++)
                if (lines[seenLines].Contains(InstallerMarker, StringComparison.Ordinal))
                    say($"{vm.Name} {Elapsed(started)} console: {lines[seenLines].Trim()}");
            if (exited) break;
            if (DateTime.UtcNow > deadline)
            {
                say($"{vm.Name}: still running after {timeout.TotalSeconds:0} s; left running (fleetboot lab down stops it)");
                return;
            }
            await Task.Delay(1000, ct);
        }
        var serial = LabServer.ReadShared(vm.SerialLogPath);
        if (serial.Contains(DoneMarker, StringComparison.Ordinal))
            say($"{vm.Name}: installed, reported done and powered off after {Elapsed(started)}");
        else if (serial.Contains(Installer.DiskBootSector.MessagePrefix, StringComparison.Ordinal)
                 && !serial.Contains(DiskWrittenMarker, StringComparison.Ordinal))
            say($"{vm.Name}: booted its installed disk and powered off after {Elapsed(started)} (no install this time)");
        else if (serial.Contains(NotReportedMarker, StringComparison.Ordinal))
            say($"{vm.Name}: installed (disk written) and powered off after {Elapsed(started)}, but the server did not accept the done callback");
        else
            throw new LabException($"{vm.Name} stopped after {Elapsed(started)} without the installer's done marker; serial console: {vm.SerialLogPath}");
    }

    public static async Task PrintStatusAsync(LabSession session, Action<string> say, CancellationToken ct)
    {
        var layout = session.Layout;
        var network = session.Network;
        say($"namespace {network.Namespace}, bridge {network.Bridge} {network.ServerAddress}/{network.PrefixLength}, VMs reach {session.ServerUrl}"
            + (session.HostAddress is { } host ? $", this host reaches http://{host}:{session.HttpPort}" : ""));
        var server = LabProcess.Find("fleetboot serve", layout.ServerPid, layout.ServerLog, layout.Data);
        say($"fleetboot serve: {(server is null ? "not running" : $"running, pid {server.Pid}")} (log {layout.ServerLog})");
        if (session.Dhcp != LabDhcp.Fleetboot)
        {
            var dnsmasq = LabProcess.Find("dnsmasq", layout.DnsmasqPid, layout.DnsmasqLog, layout.DnsmasqLeases);
            say($"dhcp: dnsmasq{(session.Dhcp == LabDhcp.Proxy ? " (addresses only)" : "")} {(dnsmasq is null ? "not running" : $"running, pid {dnsmasq.Pid}")} (log {layout.DnsmasqLog})");
        }
        say(session.Dhcp switch
        {
            LabDhcp.Fleetboot => "dhcp: fleetboot serve --dhcp full",
            LabDhcp.Proxy => "dhcp: fleetboot serve --dhcp proxy (boot files for PXE clients)",
            _ => "dhcp: fleetboot serve --dhcp off",
        });
        if (session.Ipv6Router)
        {
            var router = LabIpv6Router.Find(layout);
            say($"ipv6 router: dnsmasq on {network.Bridge} {LabIpv6Router.Address}/{LabIpv6Router.PrefixLength}, router advertisements only, "
                + $"{(router is null ? "not running" : $"running, pid {router.Pid}")} (log {layout.Ipv6RouterLog})");
        }
        else say("ipv6 router: none (lab up --no-ipv6-router)");

        await using var registry = await LabRegistry.OpenAsync(layout.Data, ct);
        foreach (var machine in await registry.LabMachinesAsync(ct))
        {
            var name = machine.Hostname ?? machine.Id;
            var dir = layout.VmDirectory(name);
            var running = LabProcess.Find(name, Path.Combine(dir, "qemu.pid"), "", $"ifname={QemuLauncher.TapName(name)},") is not null;
            var serial = LabServer.ReadShared(Path.Combine(dir, "serial.log"));
            var marker = serial.Split('\n').LastOrDefault(l => l.Contains(InstallerMarker, StringComparison.Ordinal))?.Trim() ?? "(no installer output)";
            say($"{name} {machine.PrimaryMac} state {Core.Machines.MachineNames.Of(machine.State)}, VM {(running ? "running" : "off")}; console: {marker}");
            foreach (var e in await registry.TimelineAsync(machine.Id, 5, ct))
                say($"    {e.Time:HH:mm:ss} {e.Kind} {e.Outcome}: {e.Message}");
        }
    }

    private static async Task<IReadOnlyList<BootEvent>> NewEventsAsync(LabRegistry registry, string machineId, long after, CancellationToken ct)
    {
        var result = new List<BootEvent>();
        for (var page = 0; page < 20; page++)
        {
            var events = await registry.EventsAfterAsync(after, 500, ct);
            result.AddRange(events.Where(e => e.MachineId == machineId));
            if (events.Count < 500) break;
            after = events[^1].Id;
        }
        return result;
    }

    private static async Task<long> LatestEventIdAsync(LabRegistry registry, CancellationToken ct)
    {
        long after = 0;
        for (var page = 0; page < 1000; page++)
        {
            var events = await registry.EventsAfterAsync(after, 500, ct);
            if (events.Count == 0) break;
            after = events[^1].Id;
        }
        return after;
    }

    private static string Elapsed(DateTime started) => $"+{(DateTime.UtcNow - started).TotalSeconds:0.0}s";
}
