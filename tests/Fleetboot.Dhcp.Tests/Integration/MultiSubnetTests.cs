using System.Net;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Validation;
using Fleetboot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Fleetboot.Dhcp.Tests.Integration;

/// <summary>Two subnets on two interfaces of the server's namespace: each client gets an address and options from its own segment's subnet.</summary>
[Collection(nameof(NetnsCollection))]
public sealed class MultiSubnetTests
{
    private static readonly DhcpSubnetOptions Lab = new()
    {
        Name = "lab", Network = "10.9.0.0/24", Pools = ["10.9.0.100-10.9.0.200"], Router = "10.9.0.1", DomainName = "lab.test", Interface = "eth0",
    };

    private static readonly DhcpSubnetOptions Vlan10 = new()
    {
        Name = "vlan10", Network = "10.10.0.0/24", Pools = ["10.10.0.50-10.10.0.60"], Router = "10.10.0.1", DomainName = "ten.test",
        Mtu = 1400, LeaseTime = TimeSpan.FromMinutes(20), Interface = "eth1",
    };

    private static async Task<(TestNetwork Net, string Srv, string Cli1, string Cli2)> TwoSegmentsAsync()
    {
        var net = await TestNetwork.CreateAsync();
        var srv = await net.AddHostAsync("srv", "10.9.0.1/24");
        await net.AttachAsync(srv, "eth1", "10.10.0.1/24", bridge: "br1");
        var cli1 = await net.AddHostAsync("c1", null, "52:54:00:ab:cd:51");
        var cli2 = await net.AddHostAsync("c2", null, "52:54:00:ab:cd:52", bridge: "br1");
        return (net, srv, cli1, cli2);
    }

    private static DhcpOptions Options(params DhcpSubnetOptions[] subnets) => FullModeClientTests.Options() with { Interfaces = ["eth0", "eth1"], Subnets = subnets };

    private static void ShouldBeIn(string ip, string first, string last, string because) =>
        Ipv4.ToUInt32(IPAddress.Parse(ip)).ShouldBeInRange(Ipv4.ToUInt32(IPAddress.Parse(first)), Ipv4.ToUInt32(IPAddress.Parse(last)), because);

    [Fact]
    public async Task Udhcpc_ClientsOnTwoInterfaces_GetAddressesFromTheirOwnSubnet()
    {
        TestNetwork.Require("busybox");
        var (net, srv, cli1, cli2) = await TwoSegmentsAsync();
        await using var _ = net;
        var logger = new TestLogger<DhcpServer>();
        var store = new MemoryLeaseStore();
        await using var server = FullModeClientTests.Server(Options(Lab, Vlan10), srv, store, logger);
        await server.StartAsync(TestContext.Current.CancellationToken);

        var one = await FullModeClientTests.UdhcpcAsync(net, cli1);
        var two = await FullModeClientTests.UdhcpcAsync(net, cli2);

        ShouldBeIn(one["ip"], "10.9.0.100", "10.9.0.200", logger.Dump());
        one["router"].ShouldBe("10.9.0.1");
        one["domain"].ShouldBe("lab.test");
        one["serverid"].ShouldBe("10.9.0.1");
        ShouldBeIn(two["ip"], "10.10.0.50", "10.10.0.60", logger.Dump());
        two["router"].ShouldBe("10.10.0.1");
        two["domain"].ShouldBe("ten.test");
        two["mtu"].ShouldBe("1400");
        two["lease"].ShouldBe("1200");
        two["serverid"].ShouldBe("10.10.0.1");
        store.Rows[one["ip"]].Subnet.ShouldBe("lab");
        store.Rows[two["ip"]].Subnet.ShouldBe("vlan10");
    }

    [Fact]
    public async Task CatalogCreate_WhileServerRuns_NewSubnetServedWithoutRestart()
    {
        TestNetwork.Require("busybox");
        var ct = TestContext.Current.CancellationToken;
        var (net, srv, cli1, cli2) = await TwoSegmentsAsync();
        await using var _ = net;
        await MigratedDatabase.CreateAsync(Path.Combine(net.TempDir, "data"), ct);
        await using var provider = new ServiceCollection().AddFleetbootSqlite(Path.Combine(net.TempDir, "data")).BuildServiceProvider();
        using var catalog = new DhcpSubnetCatalog([Lab], provider.GetRequiredService<IDhcpSubnetStore>());
        var logger = new TestLogger<DhcpServer>();
        await using var server = new DhcpServer(Options(Lab), new MemoryLeaseStore(), new FakeMachineDirectory(), null, TimeProvider.System, logger, catalog)
        {
            NetworkScope = new NamespaceScope(srv),
        };
        await server.StartAsync(ct);
        ShouldBeIn((await FullModeClientTests.UdhcpcAsync(net, cli1))["ip"], "10.9.0.100", "10.9.0.200", logger.Dump());

        await catalog.CreateAsync(Vlan10, ct);
        var two = await FullModeClientTests.UdhcpcAsync(net, cli2);

        ShouldBeIn(two["ip"], "10.10.0.50", "10.10.0.60", logger.Dump());
        two["router"].ShouldBe("10.10.0.1");
        (await provider.GetRequiredService<IDhcpSubnetStore>().ListAsync(ct)).ShouldHaveSingleItem().Name.ShouldBe("vlan10");
        // The server's own address is known to the catalog now: a pool holding it is refused.
        var e = await Should.ThrowAsync<ValidationException>(() => catalog.UpdateAsync(Vlan10 with { Pools = ["10.10.0.1-10.10.0.9"] }, ct));
        e.Errors.ShouldContain(f => f.Field == "pools" && f.Message.Contains("10.10.0.1"));
    }
}
