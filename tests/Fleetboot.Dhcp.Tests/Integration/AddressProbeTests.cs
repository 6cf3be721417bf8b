using System.Net;
using Fleetboot.Core.Dhcp;

namespace Fleetboot.Dhcp.Tests.Integration;

/// <summary>A host that already uses the first pool address (statically, unknown to DHCP) sits on the LAN of a namespace these tests create.</summary>
[Collection(nameof(NetnsCollection))]
public sealed class AddressProbeTests
{
    private const string Taken = "10.9.0.100";
    private static readonly TimeSpan ProbeWait = TimeSpan.FromMilliseconds(300);

    private static DhcpOptions Options(DhcpAddressProbe probe)
    {
        var options = FullModeClientTests.Options();
        return options with { Subnets = [options.Subnets[0] with { Probe = probe, ProbeWait = ProbeWait }] };
    }

    private static async Task<(TestNetwork Net, string Srv, string Squat, string Cli)> LanWithSquatterAsync()
    {
        TestNetwork.Require("busybox");
        var net = await TestNetwork.CreateAsync();
        try
        {
            var srv = await net.AddHostAsync("srv", "10.9.0.1/24");
            var squat = await net.AddHostAsync("squat", Taken + "/24");
            var cli = await net.AddHostAsync("cli", null, "52:54:00:ab:cd:11");
            await net.ExecAsync(srv, TimeSpan.FromSeconds(10), check: true, "busybox", "ping", "-c", "1", "-W", "3", Taken); // the squatter answers
            return (net, srv, squat, cli);
        }
        catch
        {
            await net.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task Udhcpc_ProbeIcmpAndFirstPoolAddressAnswers_GetsAnotherAddressAndTakenOneIsHeld()
    {
        var (net, srv, _, cli) = await LanWithSquatterAsync();
        await using var _ = net;
        var logger = new TestLogger<DhcpServer>();
        var events = new RecordingEventSink();
        await using var server = FullModeClientTests.Server(Options(DhcpAddressProbe.Icmp), srv, new MemoryLeaseStore(), logger, events);
        await server.StartAsync(TestContext.Current.CancellationToken);

        var env = await FullModeClientTests.UdhcpcAsync(net, cli, "-V", "PXEClient"); // a netboot client, so its exchange is on the timeline

        env["ip"].ShouldBe("10.9.0.101", logger.Dump());
        logger.Lines.ShouldContain(l => l.StartsWith("Warning 4025 DHCP 10.9.0.100 answered a ping", StringComparison.Ordinal) && l.Contains("52:54:00:ab:cd:11", StringComparison.Ordinal));
        server.GetLeases().ShouldContain(l => l.Address.ToString() == Taken && l.State == DhcpLeaseState.Declined);
        var inUse = events.Events.Where(e => e.Kind == "dhcp.probe").ShouldHaveSingleItem();
        inUse.Outcome.ShouldBe("in-use");
        // The timeline tells what left: no OFFER of the taken address, and the next one written when it went out, after its probe's wait.
        var offers = events.Events.Where(e => e.Kind == "dhcp.offer").ToList();
        offers.ShouldNotBeEmpty();
        offers.ShouldAllBe(e => e.Data!["yiaddr"] == "10.9.0.101");
        (offers[0].Time - inUse.Time).ShouldBeGreaterThanOrEqualTo(ProbeWait);
    }

    [Fact]
    public async Task Udhcpc_ProbeArpAndSquatterDropsPings_IsFoundByArpAndAnotherAddressOffered()
    {
        var (net, srv, squat, cli) = await LanWithSquatterAsync();
        await using var _ = net;
        await net.ExecAsync(squat, TimeSpan.FromSeconds(5), check: true, "sh", "-c", "echo 1 > /proc/sys/net/ipv4/icmp_echo_ignore_all");
        var logger = new TestLogger<DhcpServer>();
        var events = new RecordingEventSink();
        await using var server = FullModeClientTests.Server(Options(DhcpAddressProbe.Arp), srv, new MemoryLeaseStore(), logger, events);
        await server.StartAsync(TestContext.Current.CancellationToken);

        var env = await FullModeClientTests.UdhcpcAsync(net, cli, "-V", "PXEClient");

        env["ip"].ShouldBe("10.9.0.101", logger.Dump());
        logger.Lines.ShouldContain(l => l.StartsWith("Warning 4025 DHCP 10.9.0.100 answered an ARP request", StringComparison.Ordinal));
        server.GetLeases().ShouldContain(l => l.Address.ToString() == Taken && l.State == DhcpLeaseState.Declined);
        events.Events.Where(e => e.Kind == "dhcp.probe").ShouldHaveSingleItem().Message.ShouldContain("answered an ARP request");
    }

    [Fact]
    public async Task Udhcpc_ProbeOff_IsOfferedTheFirstPoolAddressUnchecked()
    {
        var (net, srv, _, cli) = await LanWithSquatterAsync();
        await using var _ = net;
        var logger = new TestLogger<DhcpServer>();
        await using var server = FullModeClientTests.Server(Options(DhcpAddressProbe.Off), srv, new MemoryLeaseStore(), logger);
        await server.StartAsync(TestContext.Current.CancellationToken);

        // Without the probe nothing checks the address (udhcpc checks with ARP only when given -a): it is offered and leased.
        var env = await FullModeClientTests.UdhcpcAsync(net, cli);

        env["ip"].ShouldBe(Taken, logger.Dump());
        logger.Lines.ShouldNotContain(l => l.Contains(" 4025 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Udhcpc_ProbeStillWaitingForOneClient_AnotherClientIsAnsweredMeanwhile()
    {
        TestNetwork.Require("busybox");
        await using var net = await TestNetwork.CreateAsync();
        var srv = await net.AddHostAsync("srv", "10.9.0.1/24");
        var slow = await net.AddHostAsync("slow", null, "52:54:00:ab:cd:21");
        var fast = await net.AddHostAsync("fast", null, "52:54:00:ab:cd:22");
        var logger = new TestLogger<DhcpServer>();
        var options = FullModeClientTests.Options();
        var subnet = options.Subnets[0] with
        {
            Probe = DhcpAddressProbe.Icmp,
            ProbeWait = TimeSpan.FromSeconds(3),
            Reservations = [new DhcpReservation(Fleetboot.Core.Machines.MacAddress.Parse("52:54:00:ab:cd:22"), IPAddress.Parse("10.9.0.50"))], // reserved: not probed
        };
        await using var server = FullModeClientTests.Server(options with { Subnets = [subnet] }, srv, new MemoryLeaseStore(), logger);
        await server.StartAsync(TestContext.Current.CancellationToken);

        var slowLease = FullModeClientTests.UdhcpcAsync(net, slow);
        await Task.Delay(200, TestContext.Current.CancellationToken); // let the slow client's DISCOVER start its probe first
        var fastLease = await FullModeClientTests.UdhcpcAsync(net, fast);

        fastLease["ip"].ShouldBe("10.9.0.50", logger.Dump());
        slowLease.IsCompleted.ShouldBeFalse("the probed client's OFFER waits 3 s; the other client was answered meanwhile");
        (await slowLease)["ip"].ShouldBe("10.9.0.100", logger.Dump());
    }
}
