using Fleetboot.Client;
using Fleetboot.Contracts;

namespace Fleetboot.Http.Tests.Admin;

public sealed class AdminSubnetsTests : AdminApiTestBase
{
    private static SubnetRequest Lab => new()
    {
        Name = "lab", Network = "10.9.0.0/24", Pools = ["10.9.0.100-10.9.0.200"], Router = "10.9.0.1", DnsServers = ["10.9.0.1"],
        DomainName = "lab.test", DomainSearch = ["lab.test"], NtpServers = ["10.9.0.1"], Mtu = 1400, LeaseTimeSeconds = 1800,
        Reservations = [new SubnetReservationDto("52:54:00:00:00:01", "10.9.0.10", "node1")],
    };

    [Fact]
    public async Task AddSubnet_Valid_IsListedShownAndStored()
    {
        var created = await Api.AddSubnetAsync(Lab, Ct);

        created.Source.ShouldBe("api");
        created.Pools.ShouldBe(["10.9.0.100-10.9.0.200"]);
        (await Api.ListSubnetsAsync(Ct)).ShouldHaveSingleItem().ShouldBeEquivalentTo(created);
        (await Api.GetSubnetAsync("lab", Ct)).Reservations.ShouldHaveSingleItem().Hostname.ShouldBe("node1");
    }

    [Fact]
    public async Task AddSubnet_WithIcmpProbe_KeepsModeAndWait()
    {
        var created = await Api.AddSubnetAsync(Lab with { Probe = "icmp", ProbeWaitMilliseconds = 300 }, Ct);

        created.Probe.ShouldBe("icmp");
        created.ProbeWaitMilliseconds.ShouldBe(300);
        (await Api.GetSubnetAsync("lab", Ct)).ShouldBeEquivalentTo(created);
    }

    [Fact]
    public async Task AddSubnet_WithoutProbe_IsOffWithDefaultWait()
    {
        var created = await Api.AddSubnetAsync(Lab, Ct);

        created.Probe.ShouldBe("off");
        created.ProbeWaitMilliseconds.ShouldBe(500);
    }

    [Fact]
    public async Task AddSubnet_UnknownProbeOrWaitOutOfRange_Answers400NamingTheField()
    {
        using var badMode = await SendAsync(HttpMethod.Post, "api/v1/subnets", """{"name": "lab", "network": "10.9.0.0/24", "pools": ["10.9.0.5-10.9.0.9"], "probe": "rarp"}""");
        using var badWait = await SendAsync(HttpMethod.Post, "api/v1/subnets", """{"name": "lab", "network": "10.9.0.0/24", "pools": ["10.9.0.5-10.9.0.9"], "probe": "icmp", "probeWaitMilliseconds": 60000}""");

        ErrorsFor(await ProblemAsync(badMode, 400), "probe").ShouldHaveSingleItem().ShouldContain("icmp, arp or off");
        ErrorsFor(await ProblemAsync(badWait, 400), "probeWait").ShouldHaveSingleItem().ShouldContain("outside");
    }

    [Fact]
    public async Task AddSubnet_PoolOutsideNetwork_Answers400NamingPools()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/v1/subnets", """{"name": "lab", "network": "10.9.0.0/24", "pools": ["10.8.0.1-10.8.0.9"]}""");

        var problem = await ProblemAsync(response, 400);
        ErrorsFor(problem, "pools").ShouldHaveSingleItem().ShouldContain("outside 10.9.0.0/24");
    }

    [Fact]
    public async Task AddSubnet_BadReservationMac_Answers400NamingTheEntry()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/v1/subnets",
            """{"name": "lab", "network": "10.9.0.0/24", "reservations": [{"mac": "nope", "address": "10.9.0.5"}]}""");

        ErrorsFor(await ProblemAsync(response, 400), "reservations[0].mac").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task AddSubnet_OverlappingAnother_Answers409NamingIt()
    {
        await Api.AddSubnetAsync(Lab, Ct);

        var e = await Should.ThrowAsync<FleetbootApiException>(() =>
            Api.AddSubnetAsync(new SubnetRequest { Name = "inner", Network = "10.9.0.128/25", Pools = ["10.9.0.150-10.9.0.160"] }, Ct));

        e.Problem.Status.ShouldBe(409);
        e.Problem.Holder.ShouldBe("lab");
        e.Problem.Detail!.ShouldContain("overlaps");
        (await Api.ListSubnetsAsync(Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task AddSubnet_NameTaken_Answers409()
    {
        await Api.AddSubnetAsync(Lab, Ct);

        var e = await Should.ThrowAsync<FleetbootApiException>(() => Api.AddSubnetAsync(Lab with { Network = "10.20.0.0/24", Pools = ["10.20.0.5-10.20.0.9"], Reservations = [] }, Ct));

        e.Problem.Status.ShouldBe(409);
        e.Problem.Field.ShouldBe("name");
    }

    [Fact]
    public async Task ReplaceSubnet_ThenRemove_ChangesAndGoes()
    {
        await Api.AddSubnetAsync(Lab, Ct);

        var replaced = await Api.ReplaceSubnetAsync("lab", Lab with { Pools = ["10.9.0.20-10.9.0.30"] }, Ct);
        await Api.RemoveSubnetAsync("lab", Ct);

        replaced.Pools.ShouldBe(["10.9.0.20-10.9.0.30"]);
        (await Should.ThrowAsync<FleetbootApiException>(() => Api.GetSubnetAsync("lab", Ct))).Problem.Status.ShouldBe(404);
        (await Should.ThrowAsync<FleetbootApiException>(() => Api.RemoveSubnetAsync("lab", Ct))).Problem.Status.ShouldBe(404);
    }
}
