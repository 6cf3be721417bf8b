using System.Net;
using Fleetboot.Contracts;

namespace Fleetboot.Http.Tests.Lifecycle;

public sealed class LifecycleApiTests : LifecycleTestBase
{
    [Fact]
    public async Task Provision_RegisteredMachineWithProfile_IsProvisioningAndSecondProvisionIs409WithAllowed()
    {
        await AddProfileAsync("debian");
        await AddMachineAsync("52:54:00:00:01:01", "n1");
        await Api.ReplaceMachineAsync("n1", new MachineRequest { Macs = ["52:54:00:00:01:01"], Hostname = "n1", Profile = "debian" }, Ct);
        (await MachineAsync("n1")).State.ShouldBe(MachineState.Registered);

        using var ok = await SendAsync(HttpMethod.Post, "api/v1/machines/n1/provision");
        ok.StatusCode.ShouldBe(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync(Ct));
        var moved = await ReadAsync(ok, FleetbootJsonContext.Default.MachineDto);
        moved.State.ShouldBe(MachineState.Provisioning);
        moved.StateReason.ShouldBe("provision by operator");
        moved.StateChangedAt.ShouldNotBeNull();

        using var again = await SendAsync(HttpMethod.Post, "api/v1/machines/n1/provision");
        var problem = await ProblemAsync(again, 409);
        Allowed(problem).ShouldBe(["reprovision", "reset", "retire"]);
        problem["state"]!.GetValue<string>().ShouldBe("provisioning");
        problem["detail"]!.GetValue<string>().ShouldContain("allowed: reprovision, reset, retire");
        (await MachineAsync("n1")).State.ShouldBe(MachineState.Provisioning);
    }

    [Fact]
    public async Task ResetRetireReset_WalkTheStates_AndRetiredOnlyAllowsReset()
    {
        await AddProfileAsync("debian");
        await AddMachineAsync("52:54:00:00:01:02", "n2", profile: "debian");
        (await Api.ApplyLifecycleAsync("n2", "reset", Ct)).State.ShouldBe(MachineState.Registered);
        (await Api.ApplyLifecycleAsync("n2", "retire", Ct)).State.ShouldBe(MachineState.Retired);

        var refused = await Should.ThrowAsync<Fleetboot.Client.FleetbootApiException>(() => Api.ApplyLifecycleAsync("n2", "provision", Ct));
        refused.Status.ShouldBe(HttpStatusCode.Conflict);
        refused.Problem.Allowed.ShouldBe(["reset"]);

        (await Api.ApplyLifecycleAsync("n2", "reset", Ct)).State.ShouldBe(MachineState.Registered);
        (await Api.ApplyLifecycleAsync("n2", "provision", Ct)).State.ShouldBe(MachineState.Provisioning);
        (await Api.ApplyLifecycleAsync("n2", "reprovision", Ct)).State.ShouldBe(MachineState.Provisioning);
    }

    [Fact]
    public async Task Reprovision_InstalledMachine_IsProvisioningAgain()
    {
        await AddProfileAsync("debian");
        await AddMachineAsync("52:54:00:00:01:03", "n3", profile: "debian");
        using var done = await MachineSendAsync(HttpMethod.Post, "api/v1/boot/52:54:00:00:01:03/done", await TokenOfAsync("n3"));
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MachineAsync("n3")).State.ShouldBe(MachineState.Installed);

        using var provision = await SendAsync(HttpMethod.Post, "api/v1/machines/n3/provision");
        Allowed(await ProblemAsync(provision, 409)).ShouldBe(["reprovision", "reset", "retire"]);

        var again = await Api.ApplyLifecycleAsync("n3", "reprovision", Ct);
        again.State.ShouldBe(MachineState.Provisioning);
        again.Phase.ShouldBeNull();
        again.Percent.ShouldBeNull();
    }

    [Fact]
    public async Task Provision_WithoutProfile_Is400NamingProfile()
    {
        await AddMachineAsync("52:54:00:00:01:04", "n4");
        using var response = await SendAsync(HttpMethod.Post, "api/v1/machines/n4/provision");
        ErrorsFor(await ProblemAsync(response, 400), "profile")[0].ShouldContain("no profile");
        (await MachineAsync("n4")).State.ShouldBe(MachineState.Registered);
    }

    [Fact]
    public async Task Commands_UnknownMachine_Are404_AndWithoutToken401()
    {
        foreach (var command in new[] { "provision", "reprovision", "reset", "retire" })
        {
            using var response = await SendAsync(HttpMethod.Post, $"api/v1/machines/nobody/{command}");
            (await ProblemAsync(response, 404))["detail"]!.GetValue<string>().ShouldContain("nobody");
        }
        await AddMachineAsync("52:54:00:00:01:05", "n5");
        using var anonymous = await SendAsync(HttpMethod.Post, "api/v1/machines/n5/retire", withToken: false);
        await ProblemAsync(anonymous, 401);
        (await MachineAsync("n5")).State.ShouldBe(MachineState.Registered);
    }

    [Fact]
    public async Task Adopt_DiscoveredMachine_GetsHostnameAndProfile_AndAdoptingAgainIs409()
    {
        await AddProfileAsync("debian");
        using (var http = Server.CreateClient())
            (await http.GetAsync("/ipxe?mac=52:54:00:00:0d:01&arch=x86_64&platform=efi", Ct)).Dispose();
        var discovered = await EventuallyAsync(async () => (await Api.ListMachinesAsync(new() { State = MachineState.Discovered }, Ct)).Items,
            items => items.Count == 1, "discovery of 52:54:00:00:0d:01");
        discovered[0].Macs.ShouldBe(["52:54:00:00:0d:01"]);

        using var noName = await SendAsync(HttpMethod.Post, "api/v1/machines/52:54:00:00:0d:01/adopt", """{"profile":"debian"}""");
        ErrorsFor(await ProblemAsync(noName, 400), "hostname").ShouldNotBeEmpty();

        var adopted = await Api.AdoptMachineAsync("52:54:00:00:0d:01", new AdoptRequest("found-1", "debian"), Ct);
        adopted.Hostname.ShouldBe("found-1");
        adopted.Profile.ShouldBe("debian");
        adopted.State.ShouldBe(MachineState.Provisioning);

        using var again = await SendAsync(HttpMethod.Post, "api/v1/machines/found-1/adopt", """{"hostname":"found-2"}""");
        Allowed(await ProblemAsync(again, 409)).ShouldBe(["reprovision", "reset", "retire"]);
    }

    [Fact]
    public async Task MachineFields_NetbootAndLocalBoot_RoundTripAndAreValidated()
    {
        var added = await Api.AddMachineAsync(new MachineRequest { Macs = ["52:54:00:00:01:06"], Hostname = "n6", Netboot = "always", LocalBoot = "disk" }, Ct);
        added.Netboot.ShouldBe("always");
        added.LocalBoot.ShouldBe("disk");
        (await MachineAsync("n6")).Netboot.ShouldBe("always");

        using var bad = await SendAsync(HttpMethod.Post, "api/v1/machines", """{"macs":["52:54:00:00:01:07"],"netboot":"sometimes","localBoot":"floppy"}""");
        var problem = await ProblemAsync(bad, 400);
        ErrorsFor(problem, "netboot")[0].ShouldContain("once, always, never");
        ErrorsFor(problem, "localBoot")[0].ShouldContain("exit, disk, http404");
    }

    [Fact]
    public async Task ProfileFields_LocalBootAndInstallTimeout_RoundTripAndAreValidated()
    {
        var profile = await Api.AddProfileAsync(new ProfileRequest { Id = "diskless", Kernel = "http://x/linux", LocalBoot = "http404", InstallTimeoutMinutes = 45 }, Ct);
        profile.LocalBoot.ShouldBe("http404");
        profile.InstallTimeoutMinutes.ShouldBe(45);

        using var zero = await SendAsync(HttpMethod.Post, "api/v1/profiles", """{"id":"p0","installTimeoutMinutes":0}""");
        ErrorsFor(await ProblemAsync(zero, 400), "installTimeoutMinutes")[0].ShouldContain("positive");
        using var method = await SendAsync(HttpMethod.Post, "api/v1/profiles", """{"id":"p1","localBoot":"pxe"}""");
        ErrorsFor(await ProblemAsync(method, 400), "localBoot")[0].ShouldContain("exit, disk, http404");
    }
}
