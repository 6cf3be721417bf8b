using Fleetboot.Client;
using Fleetboot.Contracts;

namespace Fleetboot.Http.Tests.Admin;

public sealed class AdminConflictTests : AdminApiTestBase
{
    [Fact]
    public async Task AddMachine_MacHeldByAnother_Answers409NamingTheHolder()
    {
        var holder = await AddMachineAsync("00:11:22:33:44:88", "worker-3");
        using var response = await SendAsync(HttpMethod.Post, "api/v1/machines", """{"macs": ["00-11-22-33-44-88"], "hostname": "worker-4"}""");
        var problem = await ProblemAsync(response, 409);
        problem["field"]!.GetValue<string>().ShouldBe("macs");
        problem["value"]!.GetValue<string>().ShouldBe("00:11:22:33:44:88");
        problem["holder"]!.GetValue<string>().ShouldBe(holder.Id);
        problem["holderName"]!.GetValue<string>().ShouldBe("worker-3");
        problem["detail"]!.GetValue<string>().ShouldContain("worker-3");
    }

    [Fact]
    public async Task AddMachine_HostnameHeldByAnother_Answers409()
    {
        var holder = await AddMachineAsync("00:11:22:33:44:01", "worker-3");
        var e = await Should.ThrowAsync<FleetbootApiException>(() => AddMachineAsync("00:11:22:33:44:02", "worker-3"));
        e.Problem.Status.ShouldBe(409);
        e.Problem.Field.ShouldBe("hostname");
        e.Problem.Holder.ShouldBe(holder.Id);
    }

    [Fact]
    public async Task ReplaceMachine_TakingAnothersMac_Answers409AndKeepsBoth()
    {
        var first = await AddMachineAsync("00:11:22:33:44:01", "a");
        var second = await AddMachineAsync("00:11:22:33:44:02", "b");
        var e = await Should.ThrowAsync<FleetbootApiException>(() =>
            Api.ReplaceMachineAsync(second.Id, new MachineRequest { Macs = ["00:11:22:33:44:01"], Hostname = "b" }, Ct));
        e.Problem.Holder.ShouldBe(first.Id);
        (await Api.GetMachineAsync("b", Ct)).Macs.ShouldBe(["00:11:22:33:44:02"]);
    }

    [Fact]
    public async Task AddProfile_IdTaken_Answers409()
    {
        await AddProfileAsync("debian");
        var e = await Should.ThrowAsync<FleetbootApiException>(() => AddProfileAsync("debian"));
        e.Problem.Status.ShouldBe(409);
        e.Problem.Field.ShouldBe("id");
    }

    [Fact]
    public async Task RemoveProfile_UsedByMachine_Answers409NamingTheMachine()
    {
        await AddProfileAsync("debian");
        await AddMachineAsync("00:11:22:33:44:01", "worker-3", profile: "debian");
        using var response = await SendAsync(HttpMethod.Delete, "api/v1/profiles/debian");
        var problem = await ProblemAsync(response, 409);
        problem["holder"]!.GetValue<string>().ShouldBe("machine worker-3");
        (await Api.GetProfileAsync("debian", Ct)).Id.ShouldBe("debian");
    }

    [Fact]
    public async Task ReserveMac_HeldByMachine_Answers409NamingIt()
    {
        var vm = await AddMachineAsync("bc:24:11:00:00:01", "vm-1");
        var e = await Should.ThrowAsync<FleetbootApiException>(() => Api.ReserveMacAsync(new MacReserveRequest("BC-24-11-00-00-01"), Ct));
        e.Problem.Status.ShouldBe(409);
        e.Problem.Holder.ShouldBe(vm.Id);
        e.Problem.HolderName.ShouldBe("vm-1");
    }

    [Fact]
    public async Task ReserveMac_AlreadyReserved_Answers409()
    {
        await Api.ReserveMacAsync(new MacReserveRequest("bc:24:11:00:00:02", "for vm-2"), Ct);
        var e = await Should.ThrowAsync<FleetbootApiException>(() => Api.ReserveMacAsync(new MacReserveRequest("bc:24:11:00:00:02"), Ct));
        e.Problem.Status.ShouldBe(409);
        e.Problem.Detail!.ShouldContain("reservation");
    }
}
