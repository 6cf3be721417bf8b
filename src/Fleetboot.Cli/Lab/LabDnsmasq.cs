namespace Fleetboot.Cli.Lab;

/// <summary>
/// dnsmasq as the lab's DHCP server (until Fleetboot's own DHCP serves the lab, and as the "site DHCP" of the
/// proxyDHCP path): inside the namespace, bound to the bridge only, no DNS. iPXE clients (user class iPXE) get
/// Fleetboot's <c>/boot.ipxe</c> URL.
/// </summary>
public static class LabDnsmasq
{
    public const string Program = "dnsmasq";

    public static IReadOnlyList<string> Arguments(LabNetwork network, LabLayout layout, int httpPort, bool bootFile = true)
    {
        var args = new List<string>
        {
            Program, "--keep-in-foreground", "--no-daemon", "--conf-file=/dev/null", "--port=0", "--user=root",
            $"--interface={network.Bridge}", "--bind-interfaces", "--except-interface=lo",
            $"--dhcp-range={network.SubnetPrefix}.100,{network.SubnetPrefix}.199,255.255.255.0,1h",
            $"--dhcp-leasefile={layout.DnsmasqLeases}", $"--pid-file={layout.DnsmasqPid}.dnsmasq",
            "--log-dhcp", "--log-facility=-", "--dhcp-authoritative",
        };
        if (bootFile)
        {
            args.Add("--dhcp-userclass=set:ipxe,iPXE");
            args.Add($"--dhcp-boot=tag:ipxe,http://{network.ServerAddress}:{httpPort}/boot.ipxe");
        }
        return args;
    }

    public static async Task<LabProcess> StartAsync(LabNetwork network, LabLayout layout, int httpPort, CancellationToken ct, bool bootFile = true)
    {
        Directory.CreateDirectory(layout.Run);
        File.WriteAllText(layout.DnsmasqLog, "");
        var process = LabProcess.Start("dnsmasq", network.Exec([.. Arguments(network, layout, httpPort, bootFile)]), layout.DnsmasqLog, layout.DnsmasqPid);
        // dnsmasq reports a bad option or a busy port at once; give it a moment to say so.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            var log = LabServer.ReadShared(layout.DnsmasqLog);
            if (process.HasExited) throw new LabException($"dnsmasq stopped at start-up: {log.Trim()}");
            if (log.Contains("DHCP, IP range", StringComparison.Ordinal)) return process;
            await Task.Delay(100, ct);
        }
        return process;
    }
}
