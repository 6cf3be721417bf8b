using System.Net;

namespace Fleetboot.Dhcp.Tests.Integration;

[Collection(nameof(NetnsCollection))]
public sealed class RivalServerTests
{
    [Fact]
    public async Task Probe_DnsmasqOnSegment_IsListedAndFullModeStartWarns()
    {
        TestNetwork.Require("dnsmasq");
        var ct = TestContext.Current.CancellationToken;
        await using var net = await TestNetwork.CreateAsync();
        var srv = await net.AddHostAsync("srv", "10.9.0.1/24");
        var site = await net.AddHostAsync("site", "10.9.0.2/24");
        var (_, dnsmasqReady) = net.StartIn(site, "DHCP, IP range", "dnsmasq", "--no-daemon", "--log-facility=-", "--conf-file=/dev/null", "--interface=eth0", "--bind-interfaces", "--port=0",
            "--dhcp-range=10.9.0.100,10.9.0.150,1h", $"--dhcp-leasefile={Path.Combine(net.TempDir, "dnsmasq.leases")}",
            $"--pid-file={Path.Combine(net.TempDir, "dnsmasq.pid")}");
        await dnsmasqReady;

        // fleetboot doctor dhcp: list every server that answers.
        // dnsmasq pings a fresh address for about 3 s before it offers it: listen a little longer.
        var rivals = await new NamespaceScope(srv).Run(() => DhcpServerProbe.ProbeAsync("eth0", TimeSpan.FromSeconds(6), ct));
        var rival = rivals.ShouldHaveSingleItem();
        rival.ServerIdentifier.ShouldBe(IPAddress.Parse("10.9.0.2"));
        rival.OfferedAddress.ToString().ShouldStartWith("10.9.0.1");

        // serve --dhcp full: starts, but warns.
        var logger = new TestLogger<DhcpServer>();
        await using var server = FullModeClientTests.Server(FullModeClientTests.Options() with { RivalProbe = TimeSpan.FromSeconds(6) }, srv, new MemoryLeaseStore(), logger);
        await server.StartAsync(ct);
        logger.Lines.ShouldContain(l => l.StartsWith("Warning 4050", StringComparison.Ordinal) && l.Contains("10.9.0.2"));
    }

    [Fact]
    public async Task Probe_NobodyElse_FindsNothing()
    {
        TestNetwork.Require();
        var ct = TestContext.Current.CancellationToken;
        await using var net = await TestNetwork.CreateAsync();
        var srv = await net.AddHostAsync("srv", "10.9.0.1/24");
        await net.AddHostAsync("cli", null);
        var rivals = await new NamespaceScope(srv).Run(() => DhcpServerProbe.ProbeAsync("eth0", TimeSpan.FromSeconds(1), ct));
        rivals.ShouldBeEmpty();
    }
}
