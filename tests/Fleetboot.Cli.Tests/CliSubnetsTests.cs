using Fleetboot.Contracts;

namespace Fleetboot.Cli.Tests;

public sealed class CliSubnetsTests(CliServer server) : CliTestBase(server)
{
    [Fact]
    public async Task Subnets_AddUpdateShowListRemove()
    {
        await OkAsync("subnets", "add", "cli-vlan20", "--network", "10.20.0.0/24", "--pool", "10.20.0.50-10.20.0.99", "--router", "10.20.0.1",
            "--dns", "10.20.0.1", "--reserve", "52:54:00:00:20:01=10.20.0.10=node1");
        await OkAsync("subnets", "update", "cli-vlan20", "--pool", "10.20.0.60-10.20.0.69", "--mtu", "1400");
        var s = Json(await OkAsync("subnets", "show", "cli-vlan20", "-o", "json"), FleetbootJsonContext.Default.SubnetDto);
        s.Pools.ShouldBe(["10.20.0.60-10.20.0.69"]);
        s.Mtu.ShouldBe(1400);
        s.Router.ShouldBe("10.20.0.1");
        s.Reservations.ShouldHaveSingleItem().Hostname.ShouldBe("node1");
        s.Source.ShouldBe("api");

        (await OkAsync("subnets", "list")).Stdout.Split('\n').ShouldContain(l => l.Contains("cli-vlan20", StringComparison.Ordinal) && l.Contains("10.20.0.0/24", StringComparison.Ordinal));

        await OkAsync("subnets", "remove", "cli-vlan20");
        (await FailsAsync(4, "subnets", "show", "cli-vlan20")).ShouldContain("no subnet 'cli-vlan20'");
    }

    [Fact]
    public async Task SubnetsAdd_Overlapping_OneLineNamingTheOther()
    {
        await OkAsync("subnets", "add", "cli-a", "--network", "10.40.0.0/24", "--pool", "10.40.0.50-10.40.0.99");

        var line = await FailsAsync(5, "subnets", "add", "cli-b", "--network", "10.40.0.0/25", "--pool", "10.40.0.10-10.40.0.20");

        line.ShouldContain("subnet 'cli-a'");
        await OkAsync("subnets", "remove", "cli-a");
    }
}
