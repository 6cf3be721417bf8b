using System.Text.Json;
using Fleetboot.Cli.Lab.Installer;

namespace Fleetboot.Cli.Lab;

/// <summary>What <c>lab up</c> made, written to <c>run/lab.json</c> so that later commands find it.</summary>
public sealed record LabState(string Namespace, string Bridge, string ServerAddress, int HttpPort, string Dhcp, string HostAddress, bool Ipv6Router);

/// <summary>
/// A running lab: namespace and bridge, <c>fleetboot serve</c> inside it, a DHCP server and (unless asked not to) an IPv6
/// router on the bridge, the test installer registered as a profile; VMs boot on tap devices of the bridge. <see cref="DownAsync"/> removes it all.
/// </summary>
public sealed class LabSession
{
    /// <summary>Host side of the point-to-point link that lets the host reach the server (no DHCP crosses it: not bridged).</summary>
    public const string HostLinkHost = "fbhost0";
    public const string HostLinkLab = "fbhost1";

    private LabSession(LabNetwork network, LabLayout layout, int httpPort, LabDhcp dhcp, string? hostAddress, bool ipv6Router)
    {
        Network = network;
        Layout = layout;
        HttpPort = httpPort;
        Dhcp = dhcp;
        HostAddress = hostAddress;
        Ipv6Router = ipv6Router;
    }

    public LabNetwork Network { get; }
    public LabLayout Layout { get; }
    public int HttpPort { get; }
    public LabDhcp Dhcp { get; }

    /// <summary>Whether <c>up</c> started the segment's IPv6 router (<see cref="LabIpv6Router"/>).</summary>
    public bool Ipv6Router { get; }

    /// <summary>The server's address as the host reaches it, when the host link was made.</summary>
    public string? HostAddress { get; }

    /// <summary>The server's base URL as the VMs see it.</summary>
    public string ServerUrl => $"http://{Network.ServerAddress}:{HttpPort}";

    public TestInstallerFiles? Installer { get; private set; }

    /// <summary>Creates the lab. On any failure, removes what it had made and throws.</summary>
    /// <param name="hostLink">Also make a veth link so the host reaches the server (the CLI wants it; tests do not).</param>
    /// <param name="serverEnvironment">Extra environment for <c>fleetboot serve</c> (tests raise log levels with it).</param>
    /// <param name="ipv6Router">Start the segment's IPv6 router (<see cref="LabIpv6Router"/>).</param>
    public static async Task<LabSession> UpAsync(LabNetwork network, LabLayout layout, int httpPort, LabDhcp dhcp, bool hostLink,
        Action<string> log, CancellationToken ct, IReadOnlyDictionary<string, string>? serverEnvironment = null,
        string kernelPackage = TestInstaller.DefaultKernelPackage, bool ipv6Router = true)
    {
        var problems = LabPrerequisites.Check(dhcp != LabDhcp.Fleetboot, [LabFirmware.Bios]);
        if (problems.Count > 0) throw new LabException("the lab cannot run here:\n  " + string.Join("\n  ", problems));

        // The installer first: it may download, and nothing needs cleaning if that fails.
        var installer = await TestInstaller.BuildAsync(layout.Cache, log, ct, kernelPackage);
        log($"test installer: kernel {installer.KernelRelease}, modules {string.Join(',', installer.Modules)}");

        log($"creating network namespace {network.Namespace} with bridge {network.Bridge} ({network.ServerAddress}/{network.PrefixLength})");
        await network.CreateAsync(ct);
        var session = new LabSession(network, layout, httpPort, dhcp, hostLink ? HostLinkAddress(network, lab: true) : null, ipv6Router) { Installer = installer };
        try
        {
            Directory.CreateDirectory(layout.Run);
            if (hostLink) await session.AddHostLinkAsync(ct);
            if (ipv6Router)
            {
                log($"starting the segment's IPv6 router: dnsmasq on {network.Bridge} ({LabIpv6Router.Address}/{LabIpv6Router.PrefixLength}), "
                    + $"router advertisements only (log {layout.Ipv6RouterLog})");
                using (await LabIpv6Router.StartAsync(network, layout, ct)) { }
            }
            await using (var registry = await LabRegistry.OpenAsync(layout.Data, ct))
                await registry.EnsureInstallerProfileAsync(layout.Data, installer, ct);
            var loaders = LabLoaders.Install(layout.Data);
            log(loaders.Count > 0 ? $"loaders from the ipxe package: {string.Join(' ', loaders)}" : "no loaders: apt-get install ipxe for the UEFI paths");

            IReadOnlyList<string> dhcpArgs = dhcp switch
            {
                LabDhcp.Fleetboot => ["--dhcp", "full", "--dhcp-interface", network.Bridge, "--dhcp-range", $"{network.SubnetPrefix}.100-{network.SubnetPrefix}.199"],
                LabDhcp.Proxy => ["--dhcp", "proxy", "--dhcp-interface", network.Bridge],
                _ => ["--dhcp", "off"],
            };
            if (dhcp == LabDhcp.Dnsmasq)
            {
                log($"starting dnsmasq on {network.Bridge} (log {layout.DnsmasqLog})");
                using (await LabDnsmasq.StartAsync(network, layout, httpPort, ct)) { }
            }
            else if (dhcp == LabDhcp.Proxy)
            {
                // The site's DHCP server was there before Fleetboot came: another host on the bridge, addresses only.
                log($"starting the site's DHCP server: dnsmasq in {network.SiteNamespace} at {network.SiteAddress}, addresses only (log {layout.DnsmasqLog})");
                await network.AddSiteHostAsync(ct);
                using (await LabDnsmasq.StartAsync(network, layout, httpPort, ct, site: true)) { }
            }
            log($"starting fleetboot serve --dhcp {dhcpArgs[1]} in {network.Namespace} on {session.ServerUrl} (log {layout.ServerLog})");
            using (await LabServer.StartAsync(network, layout, httpPort, dhcpArgs, ct, serverEnvironment)) { }
            var state = new LabState(network.Namespace, network.Bridge, network.ServerAddress, httpPort, LabNames.Of(dhcp), session.HostAddress ?? "", ipv6Router);
            await File.WriteAllTextAsync(layout.StateFile, JsonSerializer.Serialize(state, LabJson.Default.LabState), ct);
            return session;
        }
        catch
        {
            await DownAsync(network, layout, _ => { });
            throw;
        }
    }

    /// <summary>The lab that <c>up</c> left, or null when none runs.</summary>
    public static async Task<LabSession?> FindAsync(LabLayout layout, CancellationToken ct)
    {
        if (!File.Exists(layout.StateFile)) return null;
        var state = JsonSerializer.Deserialize(await File.ReadAllTextAsync(layout.StateFile, ct), LabJson.Default.LabState);
        if (state is null) return null;
        var network = LabNetwork.Default with { Namespace = state.Namespace, Bridge = state.Bridge, ServerAddress = state.ServerAddress };
        if (!await network.ExistsAsync(ct)) return null;
        return new LabSession(network, layout, state.HttpPort, LabNames.TryParseDhcp(state.Dhcp, out var dhcp) ? dhcp : LabDhcp.Fleetboot,
            state.HostAddress.Length > 0 ? state.HostAddress : null, state.Ipv6Router);
    }

    /// <summary>Registers the VM's machine (with the installer profile) if needed, adds its tap and starts QEMU.</summary>
    public async Task<(QemuVmSpec Vm, LabProcess Process, Core.Machines.Machine Machine)> BootAsync(string name, LabFirmware firmware, LabNic nic,
        string? mac, CancellationToken ct, int memoryMiB = QemuVmSpec.DefaultMemoryMiB)
    {
        var problems = LabPrerequisites.Check(false, [firmware]);
        if (problems.Count > 0) throw new LabException("cannot boot here:\n  " + string.Join("\n  ", problems));
        var loader = LabNames.Loader(firmware);
        if (loader is not null && Dhcp == LabDhcp.Dnsmasq)
            throw new LabException($"--firmware {LabNames.Of(firmware)} needs the machine's loader, which only Fleetboot's DHCP (full or proxy) offers: fleetboot lab down, then fleetboot lab up");
        Core.Machines.Machine machine;
        await using (var registry = await LabRegistry.OpenAsync(Layout.Data, ct))
            machine = await registry.EnsureMachineAsync(name, mac, LabNames.IsUefi(firmware) ? "uefi" : "bios", LabRegistry.InstallerProfile, loader, ct);
        var vm = new QemuVmSpec(name, machine.PrimaryMac.ToString(), QemuLauncher.TapName(name), Layout.VmDirectory(name), firmware, nic, memoryMiB);
        if (LabProcess.Find(vm.Name, vm.PidPath, vm.QemuLogPath, $"ifname={vm.Tap},") is not null)
            throw new LabException($"VM {name} is already running (pid file {vm.PidPath})");
        await Network.RemoveTapAsync(vm.Tap, ct);
        await Network.AddTapAsync(vm.Tap, ct);
        var process = QemuLauncher.Start(Network, vm);
        return (vm, process, machine);
    }

    /// <summary>
    /// Stops every VM, the server, the DHCP server and the IPv6 router, then deletes the namespace (taps, bridge and host link go with
    /// it). Idempotent; keeps logs, disks and the cache. Each step is bounded.
    /// </summary>
    public static async Task DownAsync(LabNetwork network, LabLayout layout, Action<string> log)
    {
        var ct = CancellationToken.None;
        var stopped = new List<Task>();
        if (Directory.Exists(layout.Vms))
            foreach (var dir in Directory.GetDirectories(layout.Vms))
                if (LabProcess.Find($"VM {Path.GetFileName(dir)}", Path.Combine(dir, "qemu.pid"), "", QemuLauncher.TapName(Path.GetFileName(dir))) is { } vm)
                {
                    log($"stopping {vm.Name} (pid {vm.Pid})");
                    stopped.Add(vm.StopAsync(TimeSpan.FromSeconds(5)));
                }
        foreach (var found in new[] { LabProcess.Find("fleetboot serve", layout.ServerPid, "", layout.Data),
                     LabProcess.Find("dnsmasq", layout.DnsmasqPid, "", layout.DnsmasqLeases), LabIpv6Router.Find(layout) })
            if (found is { } p)
            {
                log($"stopping {p.Name} (pid {p.Pid})");
                stopped.Add(p.StopAsync(TimeSpan.FromSeconds(10)));
            }
        await Task.WhenAll(stopped);
        // Anything else still inside the namespace was started by the lab too (a VM whose pid file is gone).
        foreach (var pid in await network.PidsAsync(ct))
        {
            log($"stopping pid {pid} left in {network.Namespace}");
            LabProcess.Signal(pid, "KILL");
        }
        if (await network.ExistsAsync(ct)) log($"deleting network namespace {network.Namespace}");
        await network.DeleteAsync(ct);
        var hostLink = await ProcessRunner.RunAsync("ip", ["link", "show", HostLinkHost], TimeSpan.FromSeconds(10), ct);
        if (hostLink.Succeeded && network == LabNetwork.Default)
            await ProcessRunner.RunAsync("ip", ["link", "delete", HostLinkHost], TimeSpan.FromSeconds(10), ct);
        if (File.Exists(layout.StateFile)) File.Delete(layout.StateFile);
    }

    private async Task AddHostLinkAsync(CancellationToken ct)
    {
        var host = HostLinkAddress(Network, lab: false);
        var lab = HostLinkAddress(Network, lab: true);
        await ProcessRunner.RunCheckedAsync("ip", ["link", "add", HostLinkHost, "type", "veth", "peer", "name", HostLinkLab, "netns", Network.Namespace], TimeSpan.FromSeconds(10), ct);
        await ProcessRunner.RunCheckedAsync("ip", ["addr", "add", $"{host}/30", "dev", HostLinkHost], TimeSpan.FromSeconds(10), ct);
        await ProcessRunner.RunCheckedAsync("ip", ["link", "set", HostLinkHost, "up"], TimeSpan.FromSeconds(10), ct);
        await Network.InNamespaceAsync(ct, "ip", "addr", "add", $"{lab}/30", "dev", HostLinkLab);
        await Network.InNamespaceAsync(ct, "ip", "link", "set", HostLinkLab, "up");
    }

    /// <summary>The /30 of the host link: x.y.255.1 on the host, x.y.255.2 in the lab.</summary>
    private static string HostLinkAddress(LabNetwork network, bool lab)
    {
        var parts = network.ServerAddress.Split('.');
        return $"{parts[0]}.{parts[1]}.255.{(lab ? 2 : 1)}";
    }
}
