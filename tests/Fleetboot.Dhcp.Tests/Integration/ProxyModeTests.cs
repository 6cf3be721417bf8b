using System.Net;
using Fleetboot.Protocols.Dhcp;
using static Fleetboot.Dhcp.Tests.Server.DhcpTestPackets;

namespace Fleetboot.Dhcp.Tests.Integration;

/// <summary>Fleetboot as proxyDHCP beside dnsmasq as the site's DHCP server, on one bridge inside test namespaces.</summary>
[Collection(nameof(NetnsCollection))]
public sealed class ProxyModeTests
{
    [Fact]
    public async Task Proxy_BesideDnsmasq_DnsmasqGivesAddressFleetbootGivesBootFile()
    {
        TestNetwork.Require("busybox", "dnsmasq");
        var ct = TestContext.Current.CancellationToken;
        await using var net = await TestNetwork.CreateAsync();
        var srv = await net.AddHostAsync("srv", "10.9.0.1/24");
        var site = await net.AddHostAsync("site", "10.9.0.2/24");
        var cli = await net.AddHostAsync("cli", null, "52:54:00:ab:cd:11");
        var (_, dnsmasqReady) = net.StartIn(site, "DHCP, IP range", "dnsmasq", "--no-daemon", "--log-facility=-", "--conf-file=/dev/null", "--interface=eth0", "--bind-interfaces", "--port=0",
            "--dhcp-range=10.9.0.100,10.9.0.150,1h", $"--dhcp-leasefile={Path.Combine(net.TempDir, "dnsmasq.leases")}",
            $"--pid-file={Path.Combine(net.TempDir, "dnsmasq.pid")}", "--log-dhcp");
        await dnsmasqReady;
        var logger = new TestLogger<DhcpServer>();
        await using var server = FullModeClientTests.Server(new DhcpOptions { Mode = DhcpMode.Proxy, Interfaces = ["eth0"] }, srv, null, logger);
        await server.StartAsync(ct);

        // An ordinary client: only dnsmasq answers it (proxy mode ignores non-PXE clients).
        var env = await FullModeClientTests.UdhcpcAsync(net, cli);
        env["serverid"].ShouldBe("10.9.0.2", logger.Dump());
        env.ShouldNotContainKey("boot_file");
        var ip = IPAddress.Parse(env["ip"]);
        await net.IpAsync("-n", cli, "addr", "add", $"{ip}/24", "dev", "eth0");

        // A PXE ROM's DISCOVER: both answer; dnsmasq with an address, Fleetboot with the boot file and no address.
        using var client = new PxeTestClient(new NamespaceScope(cli));
        var mac = new byte[] { 0x52, 0x54, 0x00, 0xab, 0xcd, 0x11 };
        client.Send(Request(DhcpMessageType.Discover, mac, xid: 0xfeed01, arch: 7, vendorClass: "PXEClient:Arch:00007:UNDI:003000",
            uuid: [0, .. Enumerable.Range(1, 16).Select(i => (byte)i)]), new IPEndPoint(IPAddress.Broadcast, 67));
        var offers = await client.ReceiveAsync(0xfeed01, r => r.Select(x => x.Packet.ServerIdentifier).Distinct().Count() >= 2, TimeSpan.FromSeconds(10));

        var fromSite = offers.Single(o => IPAddress.Parse("10.9.0.2").Equals(o.Packet.ServerIdentifier)).Packet;
        fromSite.YourAddress.ShouldNotBe(IPAddress.Any);
        var proxy = offers.Single(o => IPAddress.Parse("10.9.0.1").Equals(o.Packet.ServerIdentifier)).Packet;
        proxy.MessageType.ShouldBe(DhcpMessageType.Offer);
        proxy.YourAddress.ShouldBe(IPAddress.Any);
        proxy.File.ShouldBe("ipxe.efi");
        proxy.NextServerAddress.ShouldBe(IPAddress.Parse("10.9.0.1"));
        proxy.VendorClassIdentifier.ShouldBe("PXEClient");
        proxy.VendorSpecific!.Value.ToArray().ShouldBe(new byte[] { 6, 1, 8, 255 });
        proxy.ClientMachineIdentifier.ShouldNotBeNull();

        // The boot server request on port 4011, unicast from the client's new address.
        client.Send(Request(DhcpMessageType.Request, mac, xid: 0xfeed02, ciaddr: ip, arch: 0, vendorClass: "PXEClient:Arch:00000:UNDI:002001", broadcast: false),
            new IPEndPoint(IPAddress.Parse("10.9.0.1"), 4011));
        var acks = await client.ReceiveAsync(0xfeed02, r => r.Count > 0, TimeSpan.FromSeconds(10));
        var ack = acks.ShouldHaveSingleItem();
        ack.From.ShouldBe(IPEndPoint.Parse("10.9.0.1:4011"));
        ack.Packet.MessageType.ShouldBe(DhcpMessageType.Ack);
        ack.Packet.File.ShouldBe("undionly.kpxe");
        ack.Packet.YourAddress.ShouldBe(IPAddress.Any);
    }
}
