using System.Diagnostics;
using System.Net;
using Fleetboot.Protocols.Dhcp;

namespace Fleetboot.Dhcp.Tests.Integration;

[Collection(nameof(NetnsCollection))]
public sealed class RobustnessTests
{
    [Fact]
    public async Task GarbageFlood_100kMalformedPackets_ValidClientStillGetsLease()
    {
        TestNetwork.Require("busybox");
        var ct = TestContext.Current.CancellationToken;
        await using var net = await TestNetwork.CreateAsync();
        var srv = await net.AddHostAsync("srv", "10.9.0.1/24");
        var cli = await net.AddHostAsync("cli", null, "52:54:00:ab:cd:21");
        var bad = await net.AddHostAsync("bad", "10.9.0.60/24");
        var logger = new TestLogger<DhcpServer>();
        await using var server = FullModeClientTests.Server(FullModeClientTests.Options(), srv, new MemoryLeaseStore(), logger);
        await server.StartAsync(ct);

        using var flooder = new PxeTestClient(new NamespaceScope(bad), port: 0);
        var valid = DhcpPacketWriter.Write(Server.DhcpTestPackets.PxeDiscover(7));
        var flood = Task.Run(() =>
        {
            var random = new Random(7);
            var target = new IPEndPoint(IPAddress.Parse("10.9.0.1"), 67);
            var broadcast = new IPEndPoint(IPAddress.Broadcast, 67);
            var sw = Stopwatch.StartNew();
            int sent = 0;
            var buffer = new byte[600];
            for (; sent < 100_000 && sw.Elapsed < TimeSpan.FromSeconds(30); sent++)
            {
                int len;
                switch (sent % 5)
                {
                    case 0: len = random.Next(0, 236); random.NextBytes(buffer.AsSpan(0, len)); break; // truncated
                    case 1: valid.CopyTo(buffer, 0); len = valid.Length; buffer[2] = 200; break; // bad hlen
                    case 2: valid.CopyTo(buffer, 0); len = valid.Length; buffer[1] = 6; break; // non-Ethernet htype
                    case 3: valid.CopyTo(buffer, 0); len = valid.Length; buffer[243] = 0x3c; buffer[244] = 250; break; // option runs past the end
                    default: len = random.Next(240, 600); random.NextBytes(buffer.AsSpan(0, len)); buffer[0] = 1; buffer[1] = 1; buffer[2] = 6; break;
                }
                flooder.SendRaw(buffer.AsSpan(0, len), sent % 10 == 0 ? broadcast : target);
            }
            return sent;
        }, ct);

        var env = await FullModeClientTests.UdhcpcAsync(net, cli, "-V", "PXEClient", "-x", "0x5d:0007");
        var sent = await flood;

        env["boot_file"].ShouldBe("ipxe.efi");
        sent.ShouldBe(100_000);
        server.MalformedPackets.ShouldBeGreaterThan(1000, logger.Dump());
        // After the flood the server still answers.
        (await FullModeClientTests.UdhcpcAsync(net, cli))["ip"].ShouldBe(env["ip"]);
    }

    [Fact]
    public async Task LeaseStoreFailing_NoAckUntilWritesSucceed()
    {
        TestNetwork.Require("busybox");
        var ct = TestContext.Current.CancellationToken;
        await using var net = await TestNetwork.CreateAsync();
        var srv = await net.AddHostAsync("srv", "10.9.0.1/24");
        var cli = await net.AddHostAsync("cli", null, "52:54:00:ab:cd:31");
        var store = new MemoryLeaseStore { Fail = true };
        var logger = new TestLogger<DhcpServer>();
        await using var server = FullModeClientTests.Server(FullModeClientTests.Options(), srv, store, logger);
        await server.StartAsync(ct);

        var (refused, output) = await net.TryUdhcpcAsync(cli, "-t", "2");
        refused.ShouldBeNull("an ACK left before its lease was stored");
        output.ShouldContain("select for 10.9.0.100"); // the OFFER did arrive: only the ACK was held back
        logger.Lines.ShouldContain(l => l.Contains("4030"));
        store.Rows.ShouldBeEmpty();

        store.Fail = false;
        var env = await FullModeClientTests.UdhcpcAsync(net, cli);
        store.Rows.Keys.ShouldContain(env["ip"]);
    }

    [Fact]
    public async Task StartAsync_PortTaken_FailsNamingPortAndInterface()
    {
        TestNetwork.Require();
        var ct = TestContext.Current.CancellationToken;
        await using var net = await TestNetwork.CreateAsync();
        var srv = await net.AddHostAsync("srv", "10.9.0.1/24");
        var logger = new TestLogger<DhcpServer>();
        await using var first = FullModeClientTests.Server(FullModeClientTests.Options(), srv, null, logger);
        await first.StartAsync(ct);
        await using var second = FullModeClientTests.Server(FullModeClientTests.Options(), srv, null, logger);
        var ex = await Should.ThrowAsync<InvalidOperationException>(() => second.StartAsync(ct));
        ex.Message.ShouldContain("67");
        ex.Message.ShouldContain("eth0");
    }

    [Fact]
    public async Task StartAsync_InterfaceAddressInPool_FailsNamingSubnet()
    {
        TestNetwork.Require();
        var ct = TestContext.Current.CancellationToken;
        await using var net = await TestNetwork.CreateAsync();
        var srv = await net.AddHostAsync("srv", "10.9.0.150/24");
        await using var server = FullModeClientTests.Server(FullModeClientTests.Options(), srv, null, new TestLogger<DhcpServer>());
        var ex = await Should.ThrowAsync<InvalidOperationException>(() => server.StartAsync(ct));
        ex.Message.ShouldContain("subnet 'lab'");
        ex.Message.ShouldContain("10.9.0.150");
    }
}
