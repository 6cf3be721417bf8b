namespace Fleetboot.Cli.Lab;

/// <summary>
/// The lab segment's IPv6 router, as most networks with IPv6 have one: dnsmasq on the bridge sending router
/// advertisements for <c>fd77::/64</c> only (no DHCPv6, no routing), the bridge holding <c>fd77::1</c>. iPXE's
/// <c>Configuring</c> waits for DHCPv4 and for IPv6 autoconfiguration both: without a router it waits about 16 s on
/// every boot.
/// </summary>
public static class LabIpv6Router
{
    public const string Name = "ipv6 router";
    public const string Prefix = "fd77::";
    public const int PrefixLength = 64;

    /// <summary>The bridge's address in the prefix, which dnsmasq needs to advertise it there.</summary>
    public const string Address = Prefix + "1";

    public static async Task<LabProcess> StartAsync(LabNetwork network, LabLayout layout, CancellationToken ct)
    {
        // nodad: the address is usable at once, so dnsmasq finds the prefix on the bridge when it starts.
        await network.InNamespaceAsync(ct, "ip", "-6", "addr", "add", $"{Address}/{PrefixLength}", "dev", network.Bridge, "nodad");
        return await LabDnsmasq.RunAsync(Name, network.Exec([.. Arguments(network, layout)]), layout.Ipv6RouterLog, layout.Ipv6RouterPid,
            "router advertisement on", ct);
    }

    public static IReadOnlyList<string> Arguments(LabNetwork network, LabLayout layout) =>
        [.. LabDnsmasq.BaseArguments(network.Bridge, layout.Ipv6RouterPid), "--enable-ra", $"--dhcp-range={Prefix},ra-only,{PrefixLength}"];

    /// <summary>The running router of the lab in <paramref name="layout"/>, if any.</summary>
    public static LabProcess? Find(LabLayout layout) => LabProcess.Find(Name, layout.Ipv6RouterPid, layout.Ipv6RouterLog, layout.Ipv6RouterPid);
}
