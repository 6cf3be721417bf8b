using System.Net;
using System.Text.Json.Nodes;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Profiles;

namespace Fleetboot.Http.Tests.Boot;

public sealed class BootEndpointsTests : IAsyncLifetime
{
    private FleetbootTestServer _server = null!;
    private HttpClient _http = null!;
    private Machine _machine = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FleetbootTestServer.StartAsync();
        _http = _server.CreateClient();
        await _server.Get<ProfileCatalog>().AddAsync(new Profile
        {
            Id = "debian",
            Kernel = "/assets/debian/linux",
            Initrds = ["/assets/debian/initrd.gz"],
            Args = "console=ttyS0 role={{machine.role}} site={{site}}",
            Configs = new Dictionary<string, string>
            {
                ["ignition"] = """{"ignition":{"version":"3.4.0"},"passwd":{"users":[{"name":"{{machine.hostname}}"}]}}""",
                ["user-data"] = "#cloud-config\nhostname: {{machine.hostname}}\n",
            },
            Files = new Dictionary<string, string> { ["motd"] = "welcome to {{machine.hostname}}" },
        }, CancellationToken.None);
        _machine = await _server.Get<MachineRegistry>().AddAsync(new MachineSpec
        {
            Macs = ["52-54-00-AA-BB-01"],
            Hostname = "worker-1",
            Role = "worker",
            Profile = "debian",
            Metadata = new JsonObject { ["site"] = "lab" },
        }, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task BootIpxe_Always_ChainsToMachineScriptWithMatchboxQueryNames()
    {
        var script = await _http.GetStringAsync("/boot.ipxe");

        script.ShouldStartWith("#!ipxe");
        script.ShouldContain($"chain --replace --autofree {_server.BaseAddress.ToString().TrimEnd('/')}/ipxe?mac=${{net0/mac}}&uuid=${{uuid}}");
        script.ShouldContain("arch=${buildarch}&platform=${platform}");
    }

    [Fact]
    public async Task Ipxe_RegisteredMachine_RendersKernelInitrdAndCallbackArgs()
    {
        var script = await _http.GetStringAsync("/ipxe?mac=52:54:00:aa:bb:01&arch=x86_64&platform=efi");
        var baseUrl = _server.BaseAddress.ToString().TrimEnd('/');

        script.ShouldStartWith("#!ipxe");
        script.ShouldContain($"kernel {baseUrl}/assets/debian/linux console=ttyS0 role=worker site=lab initrd=initrd.gz fleetboot.server={baseUrl} fleetboot.mac=52:54:00:aa:bb:01 fleetboot.token={_machine.Token} || goto failed");
        script.ShouldContain($"initrd --name initrd.gz {baseUrl}/assets/debian/initrd.gz || goto failed");
        script.ShouldContain("boot || goto failed");
        script.ShouldContain(":failed");
    }

    [Fact]
    public async Task Grub_HostHeaderWithoutPort_KeepsTheServersPort()
    {
        // GRUB 2.06 sends "Host: 127.0.0.1" with no port.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/grub?mac=52:54:00:aa:bb:01");
        request.Headers.Host = "127.0.0.1";

        var cfg = await (await _http.SendAsync(request)).Content.ReadAsStringAsync();

        cfg.ShouldContain($"linux (http,127.0.0.1:{_server.Port})/assets/debian/linux");
    }

    [Fact]
    public async Task Ipxe_UnknownMachine_GetsExitScript()
    {
        var script = await _http.GetStringAsync("/ipxe?mac=52:54:00:ff:ff:ff");

        script.ShouldStartWith("#!ipxe");
        script.ShouldContain("52:54:00:ff:ff:ff is not a registered machine");
        script.TrimEnd().ShouldEndWith("exit");
    }

    [Fact]
    public async Task Ipxe_MissingVariable_Answers404AndNamesIt()
    {
        var profiles = _server.Get<ProfileCatalog>();
        var profile = (await profiles.GetAsync("debian", CancellationToken.None))!;
        await profiles.ReplaceAsync(profile with { Args = "console=ttyS0\nrack={{rack}}" }, CancellationToken.None);

        var response = await _http.GetAsync("/ipxe?mac=52:54:00:aa:bb:01");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("variable 'rack' is not defined");
    }

    [Fact]
    public async Task Grub_RegisteredMachine_UsesPlainLinuxAndGrubHttpPaths()
    {
        var cfg = await _http.GetStringAsync("/grub?mac=52:54:00:aa:bb:01");

        cfg.ShouldContain($"linux (http,127.0.0.1:{_server.Port})/assets/debian/linux console=ttyS0");
        cfg.ShouldContain($"initrd (http,127.0.0.1:{_server.Port})/assets/debian/initrd.gz");
        cfg.ShouldNotContain("linuxefi");
    }

    [Fact]
    public async Task Pxelinux_PerMacName_RendersKernelInitrdAppend()
    {
        var cfg = await _http.GetStringAsync("/pxelinux.cfg/01-52-54-00-aa-bb-01");

        cfg.ShouldContain($"KERNEL {_server.BaseAddress.ToString().TrimEnd('/')}/assets/debian/linux");
        cfg.ShouldContain("INITRD ");
        cfg.ShouldContain("APPEND console=ttyS0 role=worker");
    }

    [Fact]
    public async Task PxelinuxDefault_NoMachine_BootsLocalDisk()
    {
        var cfg = await _http.GetStringAsync("/pxelinux.cfg/default");

        cfg.ShouldContain("LOCALBOOT 0");
    }

    [Fact]
    public async Task Config_Ignition_RendersWithIgnitionContentType()
    {
        var response = await _http.GetAsync("/config/ignition?mac=52:54:00:aa:bb:01");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.coreos.ignition+json");
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        json["passwd"]!["users"]![0]!["name"]!.GetValue<string>().ShouldBe("worker-1");
    }

    [Fact]
    public async Task Config_UnknownMachineOrKind_Answers404()
    {
        (await _http.GetAsync("/config/ignition?mac=52:54:00:ff:ff:ff")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _http.GetAsync("/config/kickstart?mac=52:54:00:aa:bb:01")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _http.GetAsync("/config/bogus?mac=52:54:00:aa:bb:01")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CloudInit_MacInPath_ServesUserData()
    {
        var response = await _http.GetAsync("/cloud-init/52:54:00:aa:bb:01/user-data");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/cloud-config");
        (await response.Content.ReadAsStringAsync()).ShouldBe("#cloud-config\nhostname: worker-1\n");
    }

    [Fact]
    public async Task GenericFile_KnownName_Renders()
    {
        (await _http.GetStringAsync("/config/generic/motd?mac=52:54:00:aa:bb:01")).ShouldBe("welcome to worker-1");
    }

    [Fact]
    public async Task Ipxe_Request_IsRecordedOnTheMachineTimeline()
    {
        await _http.GetStringAsync("/ipxe?mac=52:54:00:aa:bb:01");

        var events = _server.Get<IBootEventStore>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        IReadOnlyList<Core.Events.BootEvent> timeline = [];
        while (!timeout.IsCancellationRequested && timeline.Count == 0)
        {
            timeline = await events.ListForMachineAsync(_machine.Id, 10, CancellationToken.None);
            if (timeline.Count == 0) await Task.Delay(50, CancellationToken.None);
        }
        timeline.ShouldContain(e => e.Kind == "http.ipxe" && e.Outcome == "ok" && e.Mac == "52:54:00:aa:bb:01");
    }

    [Fact]
    public async Task Health_Endpoints_AnswerOk()
    {
        (await _http.GetStringAsync("/healthz")).ShouldBe("ok\n");
        (await _http.GetStringAsync("/readyz")).ShouldBe("ready\n");
    }
}
