using System.Net;
using System.Text.Json.Nodes;
using Fleetboot.Contracts;

namespace Fleetboot.Http.Tests.Lifecycle;

public sealed class HomelabTests : LifecycleTestBase
{
    private const string Mac = "52:54:00:00:03:01";

    private Task<HttpResponseMessage> PostAsync(string path, string token, object body) =>
        MachineSendAsync(HttpMethod.Post, $"{path}?token={Uri.EscapeDataString(token)}", null, System.Text.Json.JsonSerializer.Serialize(body));

    [Fact]
    public async Task State_Words_MapToProgressDoneAndFailed()
    {
        var token = await ProvisioningMachineAsync(Mac, "h1");
        using (var progress = await PostAsync("api/state", token, new { mac = Mac, state = "partitioning", message = "disk /dev/sda" }))
            progress.StatusCode.ShouldBe(HttpStatusCode.OK, await progress.Content.ReadAsStringAsync(Ct));
        var installing = await MachineAsync("h1");
        installing.State.ShouldBe(MachineState.Installing);
        installing.Phase.ShouldBe("partitioning");
        installing.StateReason.ShouldBe("disk /dev/sda");

        using (var done = await PostAsync("api/state", token, new { mac = Mac, state = "complete" }))
            done.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MachineAsync("h1")).State.ShouldBe(MachineState.Installed);

        await Api.ApplyLifecycleAsync("h1", "reprovision", Ct);
        using (var failed = await PostAsync("api/state", token, new { mac = Mac, state = "error", message = "no network" }))
            failed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var machine = await MachineAsync("h1");
        machine.State.ShouldBe(MachineState.Failed);
        machine.StateReason.ShouldBe("no network");
    }

    [Fact]
    public async Task State_WrongToken_Is403AndChangesNothing()
    {
        await ProvisioningMachineAsync(Mac, "h1");
        using var response = await PostAsync("api/state", "not-the-token", new { mac = Mac, state = "done" });
        await ProblemAsync(response, 403);
        (await MachineAsync("h1")).State.ShouldBe(MachineState.Provisioning);
    }

    [Fact]
    public async Task States_NeedAMachineOrAdminToken_AndListEveryMachine()
    {
        var token = await ProvisioningMachineAsync(Mac, "h1");
        await AddMachineAsync("52:54:00:00:03:02", "h2");
        using (var anonymous = await MachineSendAsync(HttpMethod.Get, "api/states", null)) await ProblemAsync(anonymous, 403);
        using (var wrong = await MachineSendAsync(HttpMethod.Get, "api/states?token=nope", null)) await ProblemAsync(wrong, 403);

        foreach (var presented in new[] { token, Server.Token })
        {
            using var response = await MachineSendAsync(HttpMethod.Get, $"api/states?token={Uri.EscapeDataString(presented)}", null);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var states = await ReadAsync(response, FleetbootJsonContext.Default.IReadOnlyListMachineStatusDto);
            states.Select(s => (s.Mac, s.Hostname, s.State)).ShouldBe([(Mac, "h1", "provisioning"), ("52:54:00:00:03:02", "h2", "registered")], ignoreOrder: true);
        }
        using var bearer = await MachineSendAsync(HttpMethod.Get, "api/states", token);
        bearer.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Data_SetThenGet_SurvivesReprovision_AndNeedsThatMachinesToken()
    {
        var token = await ProvisioningMachineAsync(Mac, "h1");
        await AddMachineAsync("52:54:00:00:03:02", "h2");
        var otherToken = await TokenOfAsync("h2");

        using (var set = await PostAsync("api/data", token, new { mac = Mac, key = "ssh-host-key", value = "ssh-ed25519 AAAA" }))
            set.StatusCode.ShouldBe(HttpStatusCode.NoContent, await set.Content.ReadAsStringAsync(Ct));
        using (var done = await PostAsync("api/state", token, new { mac = Mac, state = "done" })) done.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Api.ApplyLifecycleAsync("h1", "reprovision", Ct);

        using var get = await MachineSendAsync(HttpMethod.Get, $"api/data/{Mac}/ssh-host-key?token={Uri.EscapeDataString(token)}", null);
        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        get.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await get.Content.ReadAsStringAsync(Ct)).ShouldBe("ssh-ed25519 AAAA");

        using (var other = await MachineSendAsync(HttpMethod.Get, $"api/data/{Mac}/ssh-host-key?token={Uri.EscapeDataString(otherToken)}", null))
            await ProblemAsync(other, 403);
        using (var missing = await MachineSendAsync(HttpMethod.Get, $"api/data/{Mac}/nothing", token)) await ProblemAsync(missing, 404);
        using (var badKey = await PostAsync("api/data", token, new { mac = Mac, key = "../x", value = "v" }))
            ErrorsFor(await ProblemAsync(badKey, 400), "key").ShouldNotBeEmpty();

        (await Api.GetMachineDataAsync("h1", Ct)).ShouldBe(new Dictionary<string, string> { ["ssh-host-key"] = "ssh-ed25519 AAAA" });
    }

    [Fact]
    public async Task Config_NoToken_IsTheRecordWithoutItsToken_UnknownIs404()
    {
        var token = await ProvisioningMachineAsync(Mac, "h1");
        using var response = await MachineSendAsync(HttpMethod.Get, $"api/config/{Mac.Replace(':', '-')}", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var json = JsonNode.Parse(text)!.AsObject();
        json["hostname"]!.GetValue<string>().ShouldBe("h1");
        json["state"]!.GetValue<string>().ShouldBe("provisioning");
        json.ContainsKey("token").ShouldBeFalse();
        text.ShouldNotContain(token);

        using var unknown = await MachineSendAsync(HttpMethod.Get, "api/config/52:54:00:ff:ff:ff", null);
        await ProblemAsync(unknown, 404);
    }
}
