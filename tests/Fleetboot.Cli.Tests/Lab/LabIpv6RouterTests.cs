using Fleetboot.Cli.Lab;

namespace Fleetboot.Cli.Tests.Lab;

public sealed class LabIpv6RouterTests
{
    [Fact]
    public void Arguments_OnTheBridge_AdvertisesTheLabPrefixOnlyWithoutDhcp()
    {
        var layout = LabLayout.At("/tmp/lab-test");
        var args = LabIpv6Router.Arguments(LabNetwork.Default, layout);

        args.ShouldContain("--interface=fbbr0");
        args.ShouldContain("--enable-ra");
        args.ShouldContain("--dhcp-range=fd77::,ra-only,64");
        args.Count(a => a.StartsWith("--dhcp-range=", StringComparison.Ordinal)).ShouldBe(1);
        args.ShouldContain("--port=0");
        // Its own pid file: lab down and lab status tell it from the DHCP server's dnsmasq by the command line.
        args.ShouldContain($"--pid-file={layout.Ipv6RouterPid}.dnsmasq");
        LabDnsmasq.Arguments(LabNetwork.Default, layout, 8080).ShouldNotContain(a => a.Contains(layout.Ipv6RouterPid, StringComparison.Ordinal));
    }
}
