using Fleetboot.Client;
using Fleetboot.Contracts;

namespace Fleetboot.Http.Tests.Admin;

public sealed class AdminRenderPreviewTests : AdminApiTestBase
{
    [Fact]
    public async Task Preview_Ipxe_RendersTheMachinesScript()
    {
        await AddProfileAsync("debian", kernel: "http://mirror.example/debian/linux", args: "console=ttyS0");
        var machine = await AddMachineAsync("00:11:22:33:44:88", "worker-3", profile: "debian");

        var preview = await Api.RenderAsync("worker-3", "ipxe", ct: Ct);
        preview.Machine.ShouldBe(machine.Id);
        preview.Kind.ShouldBe("ipxe");
        preview.Content.ShouldStartWith("#!ipxe");
        preview.Content.ShouldContain("kernel http://mirror.example/debian/linux");
        preview.Content.ShouldContain("console=ttyS0");
        preview.Content.ShouldContain("fleetboot.mac=00:11:22:33:44:88");
        preview.Content.ShouldContain($"fleetboot.server={Server.BaseAddress.ToString().TrimEnd('/')}");
    }

    [Fact]
    public async Task Preview_ConfigAndGenericFile_RenderWithMachineValues()
    {
        await Api.AddProfileAsync(new ProfileRequest
        {
            Id = "debian",
            Kernel = "http://x/linux",
            Configs = new Dictionary<string, string> { ["preseed"] = "d-i netcfg/get_hostname string {{machine.hostname}}\n" },
            Files = new Dictionary<string, string> { ["motd"] = "welcome to {{machine.hostname}}\n" },
        }, Ct);
        await AddMachineAsync("00:11:22:33:44:88", "worker-3", profile: "debian");

        var preseed = await Api.RenderAsync("00:11:22:33:44:88", "preseed", ct: Ct);
        preseed.Content.ShouldBe("d-i netcfg/get_hostname string worker-3\n");
        preseed.ContentType.ShouldStartWith("text/plain");

        var motd = await Api.RenderAsync("worker-3", "generic", "motd", Ct);
        motd.Name.ShouldBe("motd");
        motd.Content.ShouldBe("welcome to worker-3\n");
        (await Api.RenderAsync("worker-3", "generic/motd", ct: Ct)).Content.ShouldBe(motd.Content);
    }

    [Fact]
    public async Task Preview_MissingVariable_Answers422WithLineAndColumn()
    {
        await Api.AddProfileAsync(new ProfileRequest
        {
            Id = "debian",
            Kernel = "http://x/linux",
            Configs = new Dictionary<string, string> { ["kickstart"] = "lang en_US\nnetwork --hostname={{machine.hostname}} --ip={{nosuchvariable}}\n" },
        }, Ct);
        await AddMachineAsync("00:11:22:33:44:88", "worker-3", profile: "debian");

        var e = await Should.ThrowAsync<FleetbootApiException>(() => Api.RenderAsync("worker-3", "kickstart", ct: Ct));
        e.Problem.Status.ShouldBe(422);
        e.Problem.Line.ShouldBe(2);
        e.Problem.Column.ShouldNotBeNull();
        e.Problem.Detail!.ShouldContain("nosuchvariable");
    }

    [Fact]
    public async Task Preview_ConfigTheProfileLacks_Answers404WithReason()
    {
        await AddProfileAsync("debian");
        await AddMachineAsync("00:11:22:33:44:88", "worker-3", profile: "debian");
        var e = await Should.ThrowAsync<FleetbootApiException>(() => Api.RenderAsync("worker-3", "ignition", ct: Ct));
        e.Problem.Status.ShouldBe(404);
        e.Problem.Detail!.ShouldContain("ignition");
    }

    [Fact]
    public async Task Preview_UnknownKind_Answers400NamingKind()
    {
        await AddMachineAsync("00:11:22:33:44:88", "worker-3");
        var e = await Should.ThrowAsync<FleetbootApiException>(() => Api.RenderAsync("worker-3", "floppy", ct: Ct));
        e.Problem.Status.ShouldBe(400);
        e.Problem.Errors!.Keys.ShouldBe(["kind"]);
    }
}
