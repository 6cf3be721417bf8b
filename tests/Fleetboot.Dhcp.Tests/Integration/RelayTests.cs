using System.Net;
using Fleetboot.Core.Dhcp;

namespace Fleetboot.Dhcp.Tests.Integration;

/// <summary>
/// A client on another segment (10.20.0.0/24, bridge br1) reaches the server (10.9.0.1) through a relay in the middle
/// namespace (10.9.0.254 upstream, 10.20.0.1 = giaddr downstream), all inside test namespaces.
/// </summary>
[Collection(nameof(NetnsCollection))]
public sealed class RelayTests
{
    [Fact]
    public async Task Udhcpc_BehindDnsmasqRelay_GetsLeaseFromGiaddrSubnet()
    {
        TestNetwork.Require("busybox", "dnsmasq");
        var (net, srv, relay, cli) = await RelayedSegmentAsync();
        await using var _ = net;
        var (_, dnsmasqReady) = net.StartIn(relay, "DHCP relay from", "dnsmasq", "--no-daemon", "--log-facility=-", "--conf-file=/dev/null", "--port=0", "--interface=eth1",
            "--dhcp-relay=10.20.0.1,10.9.0.1", $"--pid-file={Path.Combine(net.TempDir, "relay.pid")}");
        await dnsmasqReady;

        await LeaseThroughRelayAsync(net, srv, cli);
    }

    /// <summary>
    /// ISC dhcrelay adds option 82 (<c>-a</c>: circuit id = the downstream interface's name) and, with <c>-D</c>, drops every
    /// reply whose option 82 does not carry that circuit id back: the client gets its lease only when the server echoes it.
    /// </summary>
    [Fact]
    public async Task Udhcpc_BehindIscDhcrelayAddingOption82_GetsLeaseAndServerEchoesOption82()
    {
        TestNetwork.Require("busybox", "dhcrelay");
        var (net, srv, relay, cli) = await RelayedSegmentAsync();
        await using var _ = net;
        // -id/-iu: dhcrelay listens for clients on eth1 only and for server replies on eth0 only; -d keeps it in the foreground.
        var (_, relayReady) = net.StartIn(relay, "Sending on   Socket/fallback", "dhcrelay", "-4", "-d", "--no-pid", "-a", "-D", "-id", "eth1", "-iu", "eth0", "10.9.0.1");
        await relayReady;

        await LeaseThroughRelayAsync(net, srv, cli);
    }

    private static async Task<(TestNetwork Net, string Srv, string Relay, string Cli)> RelayedSegmentAsync()
    {
        var net = await TestNetwork.CreateAsync();
        try
        {
            var srv = await net.AddHostAsync("srv", "10.9.0.1/24");
            var relay = await net.AddHostAsync("rly", "10.9.0.254/24");
            await net.AttachAsync(relay, "eth1", "10.20.0.1/24", bridge: "br1");
            var cli = await net.AddHostAsync("cli", null, "52:54:00:ab:cd:41", bridge: "br1");
            await net.IpAsync("-n", srv, "route", "add", "10.20.0.0/24", "via", "10.9.0.254");
            return (net, srv, relay, cli);
        }
        catch
        {
            await net.DisposeAsync();
            throw;
        }
    }

    /// <summary>Fleetboot in full mode with the relayed subnet "far": the client behind the relay is leased from it.</summary>
    private static async Task LeaseThroughRelayAsync(TestNetwork net, string srv, string cli)
    {
        var options = FullModeClientTests.Options() with
        {
            Subnets =
            [
                .. FullModeClientTests.Options().Subnets,
                new DhcpSubnetOptions { Name = "far", Network = "10.20.0.0/24", Pools = ["10.20.0.50-10.20.0.60"], Router = "10.20.0.1" },
            ],
        };
        var logger = new TestLogger<DhcpServer>();
        var events = new RecordingEventSink();
        await using var server = FullModeClientTests.Server(options, srv, new MemoryLeaseStore(), logger, events);
        await server.StartAsync(TestContext.Current.CancellationToken);

        var (env, output) = await net.TryUdhcpcAsync(cli, "-V", "PXEClient", "-x", "0x5d:0007");

        env.ShouldNotBeNull($"{output}\n{logger.Dump()}");
        var ip = Ipv4.ToUInt32(IPAddress.Parse(env["ip"]));
        ip.ShouldBeInRange(Ipv4.ToUInt32(IPAddress.Parse("10.20.0.50")), Ipv4.ToUInt32(IPAddress.Parse("10.20.0.60")));
        env["router"].ShouldBe("10.20.0.1");
        env["serverid"].ShouldBe("10.9.0.1");
        env["boot_file"].ShouldBe("ipxe.efi");
        events.Events.ShouldContain(e => e.Kind == "dhcp.ack" && e.Data!["giaddr"] == "10.20.0.1");
    }
}
