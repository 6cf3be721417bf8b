using System.Net;
using System.Text.Json.Nodes;
using Fleetboot.Contracts;

namespace Fleetboot.Http.Tests.Lifecycle;

public sealed class CallbackTests : LifecycleTestBase
{
    private const string Mac = "52:54:00:00:02:01";

    [Theory]
    [InlineData("progress", """{"phase":"packages","percent":40}""")]
    [InlineData("done", null)]
    [InlineData("failed", """{"reason":"disk full"}""")]
    public async Task Callback_WrongOrMissingToken_Is403AndChangesNothing(string callback, string? body)
    {
        var token = await ProvisioningMachineAsync(Mac, "c1");
        var before = await MachineAsync("c1");
        foreach (var presented in new[] { null, "wrong-token", token + "x" })
        {
            using var response = await MachineSendAsync(HttpMethod.Post, $"api/v1/boot/{Mac}/{callback}", presented, body);
            (await ProblemAsync(response, 403))["detail"]!.GetValue<string>().ShouldContain("token");
        }
        // The admin token is not a machine token either.
        using var admin = await MachineSendAsync(HttpMethod.Post, $"api/v1/boot/{Mac}/{callback}", Server.Token, body);
        await ProblemAsync(admin, 403);

        var after = await MachineAsync("c1");
        after.State.ShouldBe(MachineState.Provisioning);
        after.Phase.ShouldBe(before.Phase);
        after.UpdatedAt.ShouldBe(before.UpdatedAt);
    }

    [Fact]
    public async Task Progress_WithToken_IsInstallingWithPhaseAndPercent_TokenAlsoAsQuery()
    {
        var token = await ProvisioningMachineAsync(Mac, "c1");
        using var response = await MachineSendAsync(HttpMethod.Post, $"api/v1/boot/{Mac}/progress", token, """{"phase":"partition","message":"partitioning /dev/sda","percent":10}""");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var status = await ReadAsync(response, FleetbootJsonContext.Default.MachineStatusDto);
        status.State.ShouldBe("installing");
        status.Phase.ShouldBe("partition");

        var machine = await MachineAsync("c1");
        machine.State.ShouldBe(MachineState.Installing);
        machine.Phase.ShouldBe("partition");
        machine.Percent.ShouldBe(10);
        machine.StateReason.ShouldBe("partitioning /dev/sda");

        using var query = await MachineSendAsync(HttpMethod.Post, $"api/v1/boot/{Mac}/progress?token={Uri.EscapeDataString(token)}", null, """{"phase":"packages","percent":55}""");
        query.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MachineAsync("c1")).Percent.ShouldBe(55);
    }

    [Fact]
    public async Task Done_EmptyBody_IsInstalled_AndRepeatedDoneIs200WithNoChange()
    {
        var token = await ProvisioningMachineAsync(Mac, "c1");
        using var first = await MachineSendAsync(HttpMethod.Post, $"api/v1/boot/{Mac}/done", token);
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync(Ct));
        var installed = await MachineAsync("c1");
        installed.State.ShouldBe(MachineState.Installed);
        installed.Percent.ShouldBe(100);

        using var second = await MachineSendAsync(HttpMethod.Post, $"api/v1/boot/{Mac}/done", token, """{"message":"again"}""");
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await MachineAsync("c1");
        after.State.ShouldBe(MachineState.Installed);
        after.StateChangedAt.ShouldBe(installed.StateChangedAt);
        after.UpdatedAt.ShouldBe(installed.UpdatedAt);
        after.StateReason.ShouldBe(installed.StateReason);
    }

    [Fact]
    public async Task Done_RegisteredMachine_Is409WithAllowed()
    {
        await AddMachineAsync(Mac, "c1");
        using var response = await MachineSendAsync(HttpMethod.Post, $"api/v1/boot/{Mac}/done", await TokenOfAsync("c1"));
        var problem = await ProblemAsync(response, 409);
        problem["allowed"].ShouldNotBeNull();
        (await MachineAsync("c1")).State.ShouldBe(MachineState.Registered);
    }

    [Fact]
    public async Task Failed_WithLog_IsFailedAndLogEndpointServesIt_RepeatKeepsOneCopy()
    {
        var token = await ProvisioningMachineAsync(Mac, "c1");
        var log = "line 1: starting\nline 2: E: unable to locate package foo\n";
        var body = new JsonObject { ["reason"] = "apt failed", ["log"] = log }.ToJsonString();
        using var response = await MachineSendAsync(HttpMethod.Post, $"api/v1/boot/{Mac}/failed", token, body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var machine = await MachineAsync("c1");
        machine.State.ShouldBe(MachineState.Failed);
        machine.StateReason.ShouldBe("apt failed");

        (await Api.GetMachineLogAsync("c1", Ct)).ShouldBe(log);
        using var anonymous = await SendAsync(HttpMethod.Get, "api/v1/machines/c1/log", withToken: false);
        await ProblemAsync(anonymous, 401);

        using var repeat = await MachineSendAsync(HttpMethod.Post, $"api/v1/boot/{Mac}/failed", token, body);
        repeat.StatusCode.ShouldBe(HttpStatusCode.OK);
        var logs = Directory.GetFiles(Path.Combine(Server.DataDirectory, "logs", machine.Id), "*.log");
        logs.Length.ShouldBe(1);
        File.ReadAllText(logs[0]).ShouldBe(log);
    }

    [Fact]
    public async Task Failed_PlainTextLogWithReasonInQuery_IsKept()
    {
        var token = await ProvisioningMachineAsync(Mac, "c1");
        using var response = await MachineSendAsync(HttpMethod.Post, $"api/v1/boot/{Mac}/failed?reason=kickstart%20error", token, "raw installer log\n", "text/plain");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        (await MachineAsync("c1")).StateReason.ShouldBe("kickstart error");
        (await Api.GetMachineLogAsync("c1", Ct)).ShouldBe("raw installer log\n");
    }

    [Fact]
    public async Task Failed_LogOverOneMiB_Is413AndChangesNothing()
    {
        var token = await ProvisioningMachineAsync(Mac, "c1");
        var big = new string('x', 1024 * 1024 + 1);
        using var json = await MachineSendAsync(HttpMethod.Post, $"api/v1/boot/{Mac}/failed", token, new JsonObject { ["reason"] = "r", ["log"] = big }.ToJsonString());
        await ProblemAsync(json, 413);
        using var plain = await MachineSendAsync(HttpMethod.Post, $"api/v1/boot/{Mac}/failed", token, big, "text/plain");
        await ProblemAsync(plain, 413);

        (await MachineAsync("c1")).State.ShouldBe(MachineState.Provisioning);
        using var log = await SendAsync(HttpMethod.Get, "api/v1/machines/c1/log");
        await ProblemAsync(log, 404);

        // Exactly at the cap is fine.
        using var atCap = await MachineSendAsync(HttpMethod.Post, $"api/v1/boot/{Mac}/failed", token, new JsonObject { ["reason"] = "r", ["log"] = big[1..] }.ToJsonString());
        atCap.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Callbacks_AreOnTheTimelineWithTheClientAddress()
    {
        var token = await ProvisioningMachineAsync(Mac, "c1");
        using (await MachineSendAsync(HttpMethod.Post, $"api/v1/boot/{Mac}/progress", token, """{"phase":"base"}""")) { }
        var events = await EventuallyAsync(() => Api.ListMachineEventsAsync("c1", 50, Ct),
            list => list.Any(e => e.Kind == "callback.progress") && list.Any(e => e.Kind == "state" && e.Outcome == "installing"), "progress events");
        events.First(e => e.Kind == "callback.progress").Source.ShouldBe("127.0.0.1");
    }
}
