using System.Text.RegularExpressions;
using Fleetboot.Cli.Lab;

namespace Fleetboot.EndToEnd;

/// <summary>
/// Path 7 of the lab, proxyDHCP: dnsmasq is the site's DHCP server, another host on the test namespace's bridge (a namespace
/// of its own: two DHCP servers on one host cannot both bind port 67), and hands out addresses only (no boot options);
/// <c>fleetboot serve --dhcp proxy</c> answers the same PXE requests with boot information only. The VM
/// is SeaBIOS with QEMU's iPXE option ROM on virtio-net: its address comes from dnsmasq, its boot script URL from
/// Fleetboot, and it installs its profile as on path 1.
/// </summary>
public sealed class ProxyDhcpTests
{
    [Fact(Timeout = 20 * 60 * 1000)]
    public async Task SeaBiosIpxeBesideSiteDhcp_ProxyDhcpGivesTheBootScript_ThenInstalls()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await LabRun.StartAsync(nameof(SeaBiosIpxeBesideSiteDhcp_ProxyDhcpGivesTheBootScript_ThenInstalls), ct, LabDhcp.Proxy);
        var run = await InstallerRun.BootAsync(lab, "proxy-bios", LabFirmware.Bios, ct);

        run.Serial.ShouldContain("iPXE (PCI 00:03.0) starting execution", Case.Sensitive, run.Context);
        // The site's server leased the address and gave no boot file (dnsmasq logs what it sends with --log-dhcp).
        var site = LabServer.ReadShared(lab.Layout.DnsmasqLog);
        var shown = $"\n--- dnsmasq ---\n{site}{run.Context}";
        site.ShouldContain($"DHCPACK({LabNetwork.SiteInterface}) {lab.Session.Network.SubnetPrefix}.", Case.Sensitive, shown);
        site.ShouldContain(run.Machine.PrimaryMac.ToString(), Case.Sensitive, shown);
        Regex.IsMatch(site, @"sent size: *\d+ option: *(43|60|66|67) ").ShouldBeFalse($"dnsmasq sent boot options{shown}");
        site.ShouldNotContain("boot.ipxe", Case.Sensitive, shown);

        // Fleetboot answered the iPXE ROM's request with the boot script's URL and no address.
        var answers = await run.ShouldHaveAnsweredDhcpAsync($"{run.Server}/boot.ipxe", d => d.GetValueOrDefault("userClass")?.Split(',').Contains("iPXE") == true, ct);
        answers.ShouldAllBe(e => !e.Data!.ContainsKey("yiaddr"), "proxyDHCP must not hand out addresses");
        answers.ShouldAllBe(e => e.Message == "proxy");
        await run.ShouldHaveInstalledAsync(ct);
        lab.Succeeded();
    }
}
