using System.Net;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Dhcp;
using Fleetboot.Storage.Sqlite.Leases;

namespace Fleetboot.Dhcp.Tests.Integration;

/// <summary>Real DHCP clients against the in-process server, all inside namespaces these tests create.</summary>
[Collection(nameof(NetnsCollection))]
public sealed class FullModeClientTests
{
    private const string ClientMac = "52:54:00:ab:cd:01";

    internal static DhcpOptions Options(DhcpMode mode = DhcpMode.Full) => new()
    {
        Mode = mode,
        Interfaces = ["eth0"],
        Subnets =
        [
            new DhcpSubnetOptions
            {
                Name = "lab", Network = "10.9.0.0/24", Pools = ["10.9.0.100-10.9.0.200"], Router = "10.9.0.1",
                DnsServers = ["10.9.0.1"], DomainName = "lab.test", LeaseTime = TimeSpan.FromMinutes(30),
            },
        ],
        HttpBaseUrl = "http://10.9.0.1:8080",
        RivalProbe = TimeSpan.Zero,
    };

    internal static DhcpServer Server(DhcpOptions options, string ns, ILeaseStore? store, TestLogger<DhcpServer> logger, RecordingEventSink? events = null) =>
        new(options, store, new FakeMachineDirectory(), events, TimeProvider.System, logger) { NetworkScope = new NamespaceScope(ns) };

    /// <summary>The "bound" environment of one udhcpc run.</summary>
    internal static async Task<Dictionary<string, string>> UdhcpcAsync(TestNetwork net, string ns, params string[] extra)
    {
        var (env, output) = await net.TryUdhcpcAsync(ns, extra);
        return env ?? throw new ShouldAssertException($"udhcpc got no lease:\n{output}");
    }

    [Fact]
    public async Task Udhcpc_PxeClientUefi_GetsLeaseAndIpxeEfi()
    {
        TestNetwork.Require("busybox");
        await using var net = await TestNetwork.CreateAsync();
        var srv = await net.AddHostAsync("srv", "10.9.0.1/24");
        var cli = await net.AddHostAsync("cli", null, ClientMac);
        var logger = new TestLogger<DhcpServer>();
        var events = new RecordingEventSink();
        var store = new MemoryLeaseStore();
        await using var server = Server(Options(), srv, store, logger, events);
        await server.StartAsync(TestContext.Current.CancellationToken);

        var env = await UdhcpcAsync(net, cli, "-V", "PXEClient", "-x", "0x5d:0007");

        var ip = IPAddress.Parse(env["ip"]);
        Ipv4.ToUInt32(ip).ShouldBeInRange(Ipv4.ToUInt32(IPAddress.Parse("10.9.0.100")), Ipv4.ToUInt32(IPAddress.Parse("10.9.0.200")), logger.Dump());
        env["boot_file"].ShouldBe("ipxe.efi");
        env["siaddr"].ShouldBe("10.9.0.1");
        env["serverid"].ShouldBe("10.9.0.1");
        env["router"].ShouldBe("10.9.0.1");
        env["domain"].ShouldBe("lab.test");
        env["lease"].ShouldBe("1800");
        store.Rows.Values.ShouldContain(l => l.Address.Equals(ip) && l.Mac.ToString() == ClientMac);
        events.Events.Select(e => e.Kind).ShouldContain("dhcp.ack");
    }

    [Fact]
    public async Task Udhcpc_BiosPxeClient_GetsUndionly()
    {
        TestNetwork.Require("busybox");
        await using var net = await TestNetwork.CreateAsync();
        var srv = await net.AddHostAsync("srv", "10.9.0.1/24");
        var cli = await net.AddHostAsync("cli", null, ClientMac);
        var logger = new TestLogger<DhcpServer>();
        await using var server = Server(Options(), srv, new MemoryLeaseStore(), logger);
        await server.StartAsync(TestContext.Current.CancellationToken);

        var env = await UdhcpcAsync(net, cli, "-V", "PXEClient:Arch:00000:UNDI:002001", "-x", "0x5d:0000");
        env["boot_file"].ShouldBe("undionly.kpxe", logger.Dump());
        env["bootfile"].ShouldBe("undionly.kpxe");
    }

    [Fact]
    public async Task Dhclient_OrdinaryClient_GetsLeaseWithoutBootFile()
    {
        TestNetwork.Require("dhclient");
        await using var net = await TestNetwork.CreateAsync();
        var srv = await net.AddHostAsync("srv", "10.9.0.1/24");
        var cli = await net.AddHostAsync("cli", null, ClientMac);
        var logger = new TestLogger<DhcpServer>();
        await using var server = Server(Options(), srv, new MemoryLeaseStore(), logger);
        await server.StartAsync(TestContext.Current.CancellationToken);

        var script = Path.Combine(net.TempDir, "dhclient.sh");
        var outFile = Path.Combine(net.TempDir, "dhclient.env");
        await File.WriteAllTextAsync(script, $"#!/bin/sh\ncase \"$reason\" in BOUND|RENEW|REBOOT) env > {outFile};; esac\nexit 0\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var pid = Path.Combine(net.TempDir, "dhclient.pid");
        var leases = Path.Combine(net.TempDir, "dhclient.leases");
        var output = await net.ExecAsync(cli, TimeSpan.FromSeconds(40), check: false, "dhclient", "-1", "-v", "-sf", script, "-pf", pid, "-lf", leases, "eth0");
        try
        {
            File.Exists(outFile).ShouldBeTrue($"dhclient got no lease:\n{output}\n{logger.Dump()}");
            var env = File.ReadAllLines(outFile).Where(l => l.Contains('=')).Select(l => l.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
            env["new_ip_address"].ShouldStartWith("10.9.0.");
            env["new_domain_name"].ShouldBe("lab.test");
            env.ShouldNotContainKey("new_filename");
        }
        finally
        {
            await net.ExecAsync(cli, TimeSpan.FromSeconds(10), check: false, "dhclient", "-x", "-sf", script, "-pf", pid, "-lf", leases, "eth0");
        }
    }

    [Fact]
    public async Task Dhcpcd_OrdinaryClient_GetsLease()
    {
        TestNetwork.Require("dhcpcd");
        await using var net = await TestNetwork.CreateAsync();
        var srv = await net.AddHostAsync("srv", "10.9.0.1/24");
        var cli = await net.AddHostAsync("cli", null, ClientMac);
        var logger = new TestLogger<DhcpServer>();
        var store = new MemoryLeaseStore();
        await using var server = Server(Options(), srv, store, logger);
        await server.StartAsync(TestContext.Current.CancellationToken);

        var script = Path.Combine(net.TempDir, "dhcpcd.sh");
        var outFile = Path.Combine(net.TempDir, "dhcpcd.env");
        await File.WriteAllTextAsync(script, $"#!/bin/sh\ncase \"$reason\" in BOUND) env > {outFile};; esac\nexit 0\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var conf = Path.Combine(net.TempDir, "dhcpcd.conf");
        await File.WriteAllTextAsync(conf, "duid\noption domain_name, routers\n", TestContext.Current.CancellationToken);
        var output = await net.ExecAsync(cli, TimeSpan.FromSeconds(40), check: false, "dhcpcd", "-4", "-1", "-B", "--noarp", "-t", "20", "-f", conf, "-c", script, "eth0");
        File.Exists(outFile).ShouldBeTrue($"dhcpcd got no lease:\n{output}\n{logger.Dump()}");
        var env = File.ReadAllLines(outFile).Where(l => l.Contains('=')).Select(l => l.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        env["new_ip_address"].ShouldStartWith("10.9.0.");
        env["new_domain_name"].ShouldBe("lab.test");
        // dhcpcd sends an RFC 4361 client identifier (option 61): the lease is keyed by it, not by chaddr.
        store.Rows[env["new_ip_address"]].ClientId.ShouldStartWith("ff");
    }

    [Fact]
    public async Task Restart_WithSqliteStore_KeepsLeases()
    {
        TestNetwork.Require("busybox");
        await using var net = await TestNetwork.CreateAsync();
        var srv = await net.AddHostAsync("srv", "10.9.0.1/24");
        var cli = await net.AddHostAsync("cli", null, ClientMac);
        var ct = TestContext.Current.CancellationToken;
        var db = await MigratedDatabase.CreateAsync(Path.Combine(net.TempDir, "data"), ct);
        var logger = new TestLogger<DhcpServer>();

        string first;
        await using (var store = await SqliteLeaseStore.OpenAsync(db, ct))
        {
            await using var server = Server(Options(), srv, store, logger);
            await server.StartAsync(ct);
            first = (await UdhcpcAsync(net, cli))["ip"];
            await server.StopAsync(ct);
        }

        await using (var store = await SqliteLeaseStore.OpenAsync(db, ct))
        {
            await using var server = Server(Options(), srv, store, logger);
            await server.StartAsync(ct);
            server.GetLeases().ShouldContain(l => l.Address.ToString() == first && l.State == DhcpLeaseState.Active, logger.Dump());

            // Another machine never gets the stored address; the owner gets it back.
            await net.IpAsync("-n", cli, "link", "set", "eth0", "address", "52:54:00:ab:cd:02");
            var other = (await UdhcpcAsync(net, cli, "-r", first))["ip"];
            other.ShouldNotBe(first);
            await net.IpAsync("-n", cli, "link", "set", "eth0", "address", ClientMac);
            (await UdhcpcAsync(net, cli))["ip"].ShouldBe(first);
        }
    }
}

[CollectionDefinition(nameof(NetnsCollection), DisableParallelization = true)]
public sealed class NetnsCollection;
