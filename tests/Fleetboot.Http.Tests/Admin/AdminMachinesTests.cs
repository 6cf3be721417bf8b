using System.Net;
using System.Text.Json.Nodes;
using Fleetboot.Client;
using Fleetboot.Contracts;

namespace Fleetboot.Http.Tests.Admin;

public sealed class AdminMachinesTests : AdminApiTestBase
{
    [Fact]
    public async Task AddMachine_AnyMacForm_StoresLowercaseColonAndFindsByEveryReference()
    {
        await AddProfileAsync("debian");
        var added = await Api.AddMachineAsync(new MachineRequest
        {
            Macs = ["AA-BB-CC-DD-EE-01", "aabb.ccdd.ee02"],
            Hostname = "worker-3",
            Role = "worker",
            Arch = "arm64",
            Firmware = "uefi",
            Features = ["kubernetes", "compute"],
            Labels = new Dictionary<string, string> { ["rack"] = "r1" },
            Profile = "debian",
            Metadata = new JsonObject { ["disk"] = "/dev/sda" },
        }, Ct);

        added.Macs.ShouldBe(["aa:bb:cc:dd:ee:01", "aa:bb:cc:dd:ee:02"]);
        added.Arch.ShouldBe(MachineArch.Arm64);
        added.Firmware.ShouldBe(MachineFirmware.Uefi);
        added.State.ShouldBe(MachineState.Provisioning);
        added.Features.ShouldBe(["kubernetes", "compute"]);
        foreach (var reference in new[] { added.Id, "worker-3", "aabbccddee02", "AA:BB:CC:DD:EE:01" })
            (await Api.GetMachineAsync(reference, Ct)).Id.ShouldBe(added.Id);
    }

    [Fact]
    public async Task GetMachine_Json_IsCamelCaseWithEnumsAsStringsAndNoToken()
    {
        await AddMachineAsync("00:11:22:33:44:55", "n1", role: "worker");
        using var response = await SendAsync(HttpMethod.Get, "api/v1/machines/n1", withToken: false);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        json["hostname"]!.GetValue<string>().ShouldBe("n1");
        json["arch"]!.GetValue<string>().ShouldBe("x86_64");
        json["state"]!.GetValue<string>().ShouldBe("registered");
        json["macs"]![0]!.GetValue<string>().ShouldBe("00:11:22:33:44:55");
        json.ContainsKey("token").ShouldBeFalse();
        json.ContainsKey("Hostname").ShouldBeFalse();
    }

    [Fact]
    public async Task ReplaceMachine_ChangesFieldsAndKeepsIdAndCreation()
    {
        await AddMachineAsync("00:11:22:33:44:55", "n1", role: "worker");
        var added = await Api.GetMachineAsync("n1", Ct);
        var replaced = await Api.ReplaceMachineAsync("n1", new MachineRequest { Macs = ["00:11:22:33:44:55"], Hostname = "n1", Role = "storage" }, Ct);
        replaced.Id.ShouldBe(added.Id);
        replaced.Role.ShouldBe("storage");
        replaced.CreatedAt.ShouldBe(added.CreatedAt);
        (await Api.GetMachineAsync(added.Id, Ct)).Role.ShouldBe("storage");
    }

    [Fact]
    public async Task RemoveMachine_ByMac_Removes()
    {
        await AddMachineAsync("00:11:22:33:44:55", "n1");
        using var response = await SendAsync(HttpMethod.Delete, "api/v1/machines/00-11-22-33-44-55");
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Should.ThrowAsync<FleetbootApiException>(() => Api.GetMachineAsync("n1", Ct))).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListMachines_Filters_ReturnOnlyMatches()
    {
        await AddProfileAsync("debian");
        await AddProfileAsync("talos");
        await AddMachineAsync("00:00:00:00:00:01", "a", role: "worker", profile: "debian", labels: new Dictionary<string, string> { ["rack"] = "r1", ["zone"] = "z1" });
        await AddMachineAsync("00:00:00:00:00:02", "b", role: "worker", profile: "talos", labels: new Dictionary<string, string> { ["rack"] = "r1", ["zone"] = "z2" });
        await AddMachineAsync("00:00:00:00:00:03", "c", role: "control", profile: "debian", labels: new Dictionary<string, string> { ["rack"] = "r2" });

        async Task<string[]> Hosts(MachineFilter filter) => (await Api.ListMachinesAsync(filter, Ct)).Items.Select(m => m.Hostname!).ToArray();

        (await Hosts(new MachineFilter { Role = "worker" })).ShouldBe(["a", "b"]);
        (await Hosts(new MachineFilter { Profile = "debian" })).ShouldBe(["a", "c"]);
        (await Hosts(new MachineFilter { Labels = new Dictionary<string, string> { ["rack"] = "r1" } })).ShouldBe(["a", "b"]);
        (await Hosts(new MachineFilter { Labels = new Dictionary<string, string> { ["rack"] = "r1", ["zone"] = "z2" } })).ShouldBe(["b"]);
        (await Hosts(new MachineFilter { Role = "worker", Profile = "debian" })).ShouldBe(["a"]);
        (await Hosts(new MachineFilter { State = MachineState.Provisioning })).ShouldBe(["a", "b", "c"]);
        (await Hosts(new MachineFilter { State = MachineState.Installed })).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListMachines_RepeatedLabelQuery_AllMustMatch()
    {
        await AddMachineAsync("00:00:00:00:00:01", "a", labels: new Dictionary<string, string> { ["rack"] = "r1", ["zone"] = "z1" });
        await AddMachineAsync("00:00:00:00:00:02", "b", labels: new Dictionary<string, string> { ["rack"] = "r1", ["zone"] = "z2" });
        using var response = await SendAsync(HttpMethod.Get, "api/v1/machines?label=rack%3Dr1&label=zone%3Dz1");
        var page = await ReadAsync(response, FleetbootJsonContext.Default.MachinePage);
        page.Items.Select(m => m.Hostname).ShouldBe(["a"]);
        page.Total.ShouldBe(1);
    }

    [Fact]
    public async Task ListMachines_Paging_ReturnsSlicesWithTotal()
    {
        for (int i = 1; i <= 7; i++) await AddMachineAsync($"00:00:00:00:01:{i:x2}", $"host-{i}");

        var first = await Api.ListMachinesAsync(new MachineFilter { Limit = 3 }, Ct);
        first.Total.ShouldBe(7);
        first.Limit.ShouldBe(3);
        first.Items.Select(m => m.Hostname).ShouldBe(["host-1", "host-2", "host-3"]);

        var last = await Api.ListMachinesAsync(new MachineFilter { Offset = 6, Limit = 3 }, Ct);
        last.Offset.ShouldBe(6);
        last.Total.ShouldBe(7);
        last.Items.Select(m => m.Hostname).ShouldBe(["host-7"]);

        var all = await Api.ListMachinesAsync(null, Ct);
        all.Limit.ShouldBe(100);
        all.Items.Count.ShouldBe(7);
    }
}
