using System.Net;
using Fleetboot.Contracts;

namespace Fleetboot.Http.Tests.Lifecycle;

public sealed class InstallCycleTests : LifecycleTestBase
{
    private const string Mac = "52:54:00:00:05:01";

    private async Task<HttpClient> PrepareAsync(string? localBoot = null)
    {
        var assets = Path.Combine(Server.DataDirectory, "assets", "debian");
        Directory.CreateDirectory(assets);
        await File.WriteAllTextAsync(Path.Combine(assets, "linux"), "not really a kernel", Ct);
        await File.WriteAllTextAsync(Path.Combine(assets, "initrd.gz"), "not really an initrd", Ct);
        await Api.AddProfileAsync(new ProfileRequest
        {
            Id = "debian",
            Kernel = "/assets/debian/linux",
            Initrds = ["/assets/debian/initrd.gz"],
            Args = "console=ttyS0",
            LocalBoot = localBoot,
        }, Ct);
        (await AddMachineAsync(Mac, "cycle-1", profile: "debian")).State.ShouldBe(MachineState.Provisioning);
        return Server.CreateClient();
    }

    [Fact]
    public async Task InstallOnce_KernelScriptThenFetchProgressDone_ThenTheExitScript()
    {
        using var http = await PrepareAsync();
        var token = await TokenOfAsync("cycle-1");

        var script = await http.GetStringAsync($"/ipxe?mac={Mac}", Ct);
        script.ShouldContain("kernel ");
        script.ShouldContain("/assets/debian/linux");
        script.ShouldContain($"fleetboot.token={token}");

        (await http.GetStringAsync("/assets/debian/linux", Ct)).ShouldBe("not really a kernel");
        var installing = await EventuallyAsync(() => MachineAsync("cycle-1"), m => m.State == MachineState.Installing, "installing after the kernel fetch");
        installing.StateReason!.ShouldContain("/assets/debian/linux");

        using (var progress = await MachineSendAsync(HttpMethod.Post, $"/api/v1/boot/{Mac}/progress", token, """{"phase":"packages","percent":70}"""))
            progress.StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var done = await MachineSendAsync(HttpMethod.Post, $"/api/v1/boot/{Mac}/done", token, """{"message":"debian installed"}"""))
            done.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MachineAsync("cycle-1")).State.ShouldBe(MachineState.Installed);

        var after = await http.GetStringAsync($"/ipxe?mac={Mac}", Ct);
        after.ShouldStartWith("#!ipxe");
        after.ShouldNotContain("kernel ");
        after.ShouldContain("cycle-1 is installed");
        after.TrimEnd().ShouldEndWith("exit");

        var timeline = await EventuallyAsync(() => Api.ListMachineEventsAsync("cycle-1", 100, Ct),
            l => l.Count(e => e.Kind == "http.ipxe") == 2, "both script requests on the timeline");
        timeline.Where(e => e.Kind == "state").Select(e => e.Outcome).ShouldBe(["installing", "installed"]);
    }

    [Fact]
    public async Task Installed_ProfileLocalBootDisk_GetsSanboot_AndHttp404AnswersNotFound()
    {
        using var http = await PrepareAsync(localBoot: "disk");
        var token = await TokenOfAsync("cycle-1");
        using (var done = await MachineSendAsync(HttpMethod.Post, $"/api/v1/boot/{Mac}/done", token)) done.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.GetStringAsync($"/ipxe?mac={Mac}", Ct)).ShouldContain("sanboot --no-describe --drive 0x80");

        await Api.ReplaceMachineAsync("cycle-1", new MachineRequest { Macs = [Mac], Hostname = "cycle-1", Profile = "debian", LocalBoot = "http404" }, Ct);
        using var notFound = await http.GetAsync($"/ipxe?mac={Mac}", Ct);
        notFound.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await Api.ReplaceMachineAsync("cycle-1", new MachineRequest { Macs = [Mac], Hostname = "cycle-1", Profile = "debian", Netboot = "always" }, Ct);
        (await http.GetStringAsync($"/ipxe?mac={Mac}", Ct)).ShouldContain("/assets/debian/linux");
    }
}
