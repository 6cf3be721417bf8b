namespace Fleetboot.Cli.Lab;

/// <summary>
/// dnsmasq as the lab's DHCP server (DHCP only: TFTP is Fleetboot's), bound to one interface, no DNS. Either inside the
/// namespace on the bridge with the boot files (<c>lab up --dhcp dnsmasq</c>: iPXE clients get Fleetboot's <c>/boot.ipxe</c>
/// URL), or as the proxyDHCP path's site server on the site host, addresses only. The lab's IPv6 router
/// (<see cref="LabIpv6Router"/>) is a dnsmasq too and starts the same way.
/// </summary>
public static class LabDnsmasq
{
    public const string Program = "dnsmasq";

    /// <param name="site">The site's DHCP server of the proxyDHCP path: on the site host, no boot options.</param>
    public static IReadOnlyList<string> Arguments(LabNetwork network, LabLayout layout, int httpPort, bool site = false)
    {
        var args = new List<string>(BaseArguments(site ? LabNetwork.SiteInterface : network.Bridge, layout.DnsmasqPid))
        {
            "--except-interface=lo",
            $"--dhcp-range={network.SubnetPrefix}.100,{network.SubnetPrefix}.199,255.255.255.0,1h",
            $"--dhcp-leasefile={layout.DnsmasqLeases}", "--log-dhcp", "--dhcp-authoritative",
        };
        if (!site)
        {
            var server = $"http://{network.ServerAddress}:{httpPort}";
            args.AddRange([
                // iPXE (the BIOS option ROM, or the EFI iPXE loaded below) gets the chain script.
                "--dhcp-userclass=set:ipxe,iPXE",
                $"--dhcp-boot=tag:ipxe,{server}/boot.ipxe",
                // UEFI PXE (client arch 7 or 9): iPXE for EFI from Fleetboot's TFTP server, using the firmware's NIC driver.
                "--dhcp-match=set:efipxe,option:client-arch,7",
                "--dhcp-match=set:efipxe,option:client-arch,9",
                $"--dhcp-boot=tag:!ipxe,tag:efipxe,{LabLoaders.EfiLoader},,{network.ServerAddress}",
                // UEFI HTTP Boot (client arch 16): the same loader by URL, and HTTPClient in option 60 as the spec wants.
                "--dhcp-match=set:efihttp,option:client-arch,16",
                $"--dhcp-boot=tag:!ipxe,tag:efihttp,{server}/assets/{LabRegistry.InstallerAssets}/{LabLoaders.EfiLoader}",
                "--dhcp-option-force=tag:efihttp,60,HTTPClient",
            ]);
        }
        return args;
    }

    /// <param name="more">Further dnsmasq options (the lab benchmark adds dnsmasq's TFTP server, as its users would).</param>
    public static async Task<LabProcess> StartAsync(LabNetwork network, LabLayout layout, int httpPort, CancellationToken ct, bool site = false,
        IReadOnlyList<string>? more = null)
    {
        string[] args = [.. Arguments(network, layout, httpPort, site), .. more ?? []];
        return await RunAsync("dnsmasq", site ? network.ExecOnSite(args) : network.Exec(args), layout.DnsmasqLog, layout.DnsmasqPid,
            "DHCP, IP range", ct);
    }

    /// <summary>What every lab dnsmasq runs with: in the foreground, no config file, no DNS, bound to one interface, logging to stdout.</summary>
    /// <param name="pidPath">The lab's pid file; dnsmasq writes its own beside it (the command line then names it, for <see cref="LabProcess.Find"/>).</param>
    internal static string[] BaseArguments(string @interface, string pidPath) =>
    [
        Program, "--keep-in-foreground", "--no-daemon", "--conf-file=/dev/null", "--port=0", "--user=root",
        $"--interface={@interface}", "--bind-interfaces", $"--pid-file={pidPath}.dnsmasq", "--log-facility=-",
    ];

    /// <summary>Starts a lab dnsmasq and returns once its log shows <paramref name="ready"/> (or after 5 s); throws if it stopped at start-up.</summary>
    internal static async Task<LabProcess> RunAsync(string name, IReadOnlyList<string> command, string logPath, string pidPath, string ready,
        CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        File.WriteAllText(logPath, "");
        var process = LabProcess.Start(name, command, logPath, pidPath);
        // dnsmasq reports a bad option or a busy port at once; give it a moment to say so.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            var log = LabServer.ReadShared(logPath);
            if (process.HasExited) throw new LabException($"{name} stopped at start-up: {log.Trim()}");
            if (log.Contains(ready, StringComparison.Ordinal)) return process;
            await Task.Delay(100, ct);
        }
        return process;
    }
}
