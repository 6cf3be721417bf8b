using Fleetboot.Core.Boot;
using Fleetboot.Core.Groups;
using Fleetboot.Core.Profiles;
using Fleetboot.Core.Templates;
using Fleetboot.Core.Tests.Fakes;

namespace Fleetboot.Core.Tests.Boot;

/// <summary>What a request gets: exit, menu, a profile's script, a config or a file.</summary>
public sealed class BootRendererTests : IDisposable
{
    private const string IpxeType = "text/plain; charset=utf-8";
    private readonly BootFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task RenderAsync_UnknownMachineIpxe_ExitsByDefault()
    {
        await _f.AddAsync(BootFixture.LinuxProfile());

        var result = await _f.RenderAsync(BootFixture.Request("52:54:00:00:00:99"), BootArtifact.Ipxe);

        result.Status.ShouldBe(RenderStatus.Ok);
        result.ContentType.ShouldBe(IpxeType);
        result.MachineId.ShouldBeNull();
        result.Content.ShouldStartWith("#!ipxe");
        result.Content.ShouldContain("52:54:00:00:00:99 is not a registered machine");
        result.Content.TrimEnd().ShouldEndWith("exit");
        result.Content.ShouldNotContain("kernel");
    }

    [Fact]
    public async Task RenderAsync_UnknownMachineWithDefaultGroup_StillExits()
    {
        await _f.AddAsync(BootFixture.LinuxProfile());
        await _f.AddAsync(new Group { Id = "default", ProfileId = "linux" });

        var result = await _f.RenderAsync(BootFixture.Request("52:54:00:00:00:99"), BootArtifact.Ipxe);

        result.Content.ShouldContain("is not a registered machine");
        result.Content.ShouldNotContain("vmlinuz");
    }

    [Fact]
    public async Task RenderAsync_UnknownMachineGrubAndPxelinux_GetTheirExitScripts()
    {
        var grub = await _f.RenderAsync(BootFixture.Request("52:54:00:00:00:99"), BootArtifact.Grub);
        var pxelinux = await _f.RenderAsync(BootFixture.Request("52:54:00:00:00:99"), BootArtifact.Pxelinux);

        grub.Status.ShouldBe(RenderStatus.Ok);
        grub.Content.ShouldContain("# Fleetboot: 52:54:00:00:00:99 is not a registered machine");
        grub.Content.ShouldContain("exit");
        pxelinux.Status.ShouldBe(RenderStatus.Ok);
        pxelinux.Content.ShouldContain("LOCALBOOT 0");
    }

    [Fact]
    public async Task RenderAsync_UnknownMachineMenuMode_ListsProfilesWithKernelsInIdOrder()
    {
        using var f = new BootFixture(new BootOptions { UnknownMachine = UnknownMachineAction.Menu });
        await f.AddAsync(BootFixture.LinuxProfile("zeta") with { Description = null });
        await f.AddAsync(BootFixture.LinuxProfile("alpha") with { Description = "Alpha & Co" });
        await f.AddAsync(new Profile { Id = "configs-only", Configs = new Dictionary<string, string> { ["ignition"] = "{}" } });

        var result = await f.RenderAsync(BootFixture.Request("52:54:00:00:00:99"), BootArtifact.Ipxe);

        result.Status.ShouldBe(RenderStatus.Ok);
        result.Content.ShouldStartWith("#!ipxe");
        var items = result.Content.Split('\n').Where(l => l.StartsWith("item ", StringComparison.Ordinal) && !l.Contains("--gap", StringComparison.Ordinal)).ToList();
        items.ShouldBe(["item alpha alpha - Alpha & Co", "item zeta zeta", "item fleetboot-exit Boot the next device"]);
        result.Content.ShouldContain($"chain --replace --autofree {BootFixture.BaseUrl}/ipxe?mac=${{net0/mac}}&profile=${{target}}");
    }

    [Fact]
    public async Task RenderAsync_UnknownMachineMenuChoice_BootsChosenProfileWithoutToken()
    {
        using var f = new BootFixture(new BootOptions { UnknownMachine = UnknownMachineAction.Menu });
        await f.AddAsync(BootFixture.LinuxProfile());
        var request = BootFixture.Request("52:54:00:00:00:99", new Dictionary<string, string> { ["profile"] = "linux" });

        var result = await f.RenderAsync(request, BootArtifact.Ipxe);

        result.Status.ShouldBe(RenderStatus.Ok);
        result.MachineId.ShouldBeNull();
        result.Content.ShouldContain($"kernel {BootFixture.BaseUrl}/assets/linux/vmlinuz console=ttyS0 initrd=initrd.img fleetboot.server={BootFixture.BaseUrl} fleetboot.mac=52:54:00:00:00:99 fleetboot.token= || goto failed");
    }

    [Fact]
    public async Task RenderAsync_UnknownMachineMenuModeGrub_Exits()
    {
        using var f = new BootFixture(new BootOptions { UnknownMachine = UnknownMachineAction.Menu });
        await f.AddAsync(BootFixture.LinuxProfile());

        var result = await f.RenderAsync(BootFixture.Request("52:54:00:00:00:99"), BootArtifact.Grub);

        result.Content.ShouldContain("is not a registered machine");
        result.Content.ShouldNotContain("menu Fleetboot");
    }

    [Theory]
    [InlineData("ignition")]
    [InlineData("generic/notes")]
    public async Task RenderAsync_UnknownMachineConfigOrFile_NotFound(string artifactText)
    {
        using var f = new BootFixture(new BootOptions { UnknownMachine = UnknownMachineAction.Menu });
        await f.AddAsync(BootFixture.LinuxProfile() with
        {
            Configs = new Dictionary<string, string> { ["ignition"] = "{}" },
            Files = new Dictionary<string, string> { ["notes"] = "hi" },
        });
        BootArtifact.TryParse(artifactText, out var artifact).ShouldBeTrue();

        var result = await f.RenderAsync(BootFixture.Request("52:54:00:00:00:99"), artifact);

        result.Status.ShouldBe(RenderStatus.NotFound);
        result.Reason.ShouldBe("52:54:00:00:00:99 is not a registered machine");
        result.Content.ShouldBeEmpty();
    }

    [Fact]
    public async Task RenderAsync_UnknownMachineMatchedByMacGroup_BootsGroupProfile()
    {
        await _f.AddAsync(BootFixture.LinuxProfile());
        await _f.AddAsync(new Group { Id = "spare", ProfileId = "linux", Selectors = new Dictionary<string, string> { ["mac"] = "52:54:00:00:00:99" } });

        var result = await _f.RenderAsync(BootFixture.Request("52:54:00:00:00:99"), BootArtifact.Ipxe);

        result.Status.ShouldBe(RenderStatus.Ok);
        result.Content.ShouldContain("kernel http://10.0.0.1:8080/assets/linux/vmlinuz");
    }

    [Fact]
    public async Task RenderAsync_MachineWithoutProfileOrGroup_ExitsWithReason()
    {
        await _f.AddAsync(BootFixture.LinuxProfile());
        var machine = await _f.AddAsync(BootFixture.NewMachine());

        var result = await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe);

        result.Status.ShouldBe(RenderStatus.Ok);
        result.MachineId.ShouldBe(machine.Id);
        result.Content.ShouldContain("echo Fleetboot: no profile or group applies to web-01\necho Fleetboot: handing over to the next boot device\nexit");
        result.Content.ShouldContain("\nexit");
    }

    [Fact]
    public async Task RenderAsync_MachineWithMissingProfile_ExitsNamingProfile()
    {
        await _f.AddAsync(BootFixture.NewMachine(hostname: null, profile: "gone"));

        var result = await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe);

        result.Content.ShouldContain("profile gone of 52:54:00:00:00:01 does not exist");
    }

    [Fact]
    public async Task RenderAsync_MachineWithoutProfileConfig_NotFoundWithReason()
    {
        var machine = await _f.AddAsync(BootFixture.NewMachine());

        var result = await _f.RenderAsync(BootFixture.Request(), new BootArtifact(BootArtifactKind.Config, "ignition"));

        result.Status.ShouldBe(RenderStatus.NotFound);
        result.Reason.ShouldBe("no profile or group applies to web-01");
        result.MachineId.ShouldBe(machine.Id);
    }

    [Fact]
    public async Task RenderAsync_MachineProfile_OverridesGroupProfile()
    {
        await _f.AddAsync(BootFixture.LinuxProfile("from-group"));
        await _f.AddAsync(BootFixture.LinuxProfile("own") with { Kernel = "/assets/own/vmlinuz" });
        await _f.AddAsync(new Group { Id = "default", ProfileId = "from-group" });
        await _f.AddAsync(BootFixture.NewMachine(profile: "own"));

        var result = await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe);

        result.Content.ShouldContain("boots profile own");
        result.Content.ShouldContain("kernel http://10.0.0.1:8080/assets/own/vmlinuz ");
    }

    [Fact]
    public async Task RenderAsync_MachineWithoutOwnProfile_GetsGroupProfile()
    {
        await _f.AddAsync(BootFixture.LinuxProfile("from-group"));
        await _f.AddAsync(new Group { Id = "default", ProfileId = "from-group" });
        await _f.AddAsync(BootFixture.NewMachine());

        var result = await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe);

        result.Content.ShouldContain("boots profile from-group");
    }

    [Fact]
    public async Task RenderAsync_MachineFoundByUuidWhenMacUnknown_RendersForIt()
    {
        var uuid = Guid.NewGuid();
        await _f.AddAsync(BootFixture.LinuxProfile());
        var machine = await _f.AddAsync(BootFixture.NewMachine(profile: "linux") with { Uuid = uuid });
        var request = BootFixture.Request("52:54:00:00:00:77") with { Uuid = uuid };

        var result = await _f.RenderAsync(request, BootArtifact.Ipxe);

        result.MachineId.ShouldBe(machine.Id);
        result.Content.ShouldContain("boots profile linux");
    }

    [Fact]
    public async Task RenderAsync_ProfileWithoutKernel_ScriptNotFound()
    {
        await _f.AddAsync(new Profile { Id = "cfg", Configs = new Dictionary<string, string> { ["ignition"] = "{}" } });
        await _f.AddAsync(BootFixture.NewMachine(profile: "cfg"));

        var result = await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe);

        result.Status.ShouldBe(RenderStatus.NotFound);
        result.Reason.ShouldBe("profile cfg has no kernel to boot");
    }

    [Theory]
    [InlineData("ignition", "application/vnd.coreos.ignition+json")]
    [InlineData("talos", "application/yaml")]
    [InlineData("kickstart", "text/plain; charset=utf-8")]
    [InlineData("preseed", "text/plain; charset=utf-8")]
    [InlineData("user-data", "text/cloud-config; charset=utf-8")]
    [InlineData("meta-data", "application/yaml")]
    [InlineData("network-config", "application/yaml")]
    public async Task RenderAsync_ConfigKind_RendersWithItsContentType(string kind, string contentType)
    {
        await _f.AddAsync(BootFixture.LinuxProfile() with
        {
            Configs = new Dictionary<string, string> { [kind] = kind + " for {{machine.hostname}} token {{token}}" },
        });
        var machine = await _f.AddAsync(BootFixture.NewMachine(profile: "linux"));
        BootArtifact.TryParse(kind, out var artifact).ShouldBeTrue();

        var result = await _f.RenderAsync(BootFixture.Request(), artifact);

        result.Status.ShouldBe(RenderStatus.Ok);
        result.ContentType.ShouldBe(contentType);
        result.Content.ShouldBe($"{kind} for web-01 token {machine.Token}");
        result.MachineId.ShouldBe(machine.Id);
    }

    [Fact]
    public async Task RenderAsync_ConfigKindTheProfileLacks_NotFound()
    {
        await _f.AddAsync(BootFixture.LinuxProfile());
        await _f.AddAsync(BootFixture.NewMachine(profile: "linux"));

        var result = await _f.RenderAsync(BootFixture.Request(), new BootArtifact(BootArtifactKind.Config, "kickstart"));

        result.Status.ShouldBe(RenderStatus.NotFound);
        result.Reason.ShouldBe("profile linux has no kickstart config");
    }

    [Fact]
    public async Task RenderAsync_GenericFile_RendersAsPlainText()
    {
        await _f.AddAsync(BootFixture.LinuxProfile() with
        {
            Files = new Dictionary<string, string> { ["motd"] = "welcome {{machine.hostname}}" },
        });
        await _f.AddAsync(BootFixture.NewMachine(profile: "linux"));
        BootArtifact.TryParse("generic/motd", out var artifact).ShouldBeTrue();

        var result = await _f.RenderAsync(BootFixture.Request(), artifact);

        result.Status.ShouldBe(RenderStatus.Ok);
        result.ContentType.ShouldBe("text/plain; charset=utf-8");
        result.Content.ShouldBe("welcome web-01");
    }

    [Fact]
    public async Task RenderAsync_GenericFileMissing_NotFound()
    {
        await _f.AddAsync(BootFixture.LinuxProfile());
        await _f.AddAsync(BootFixture.NewMachine(profile: "linux"));

        var result = await _f.RenderAsync(BootFixture.Request(), new BootArtifact(BootArtifactKind.File, "motd"));

        result.Status.ShouldBe(RenderStatus.NotFound);
        result.Reason.ShouldBe("profile linux has no file motd");
    }

    [Fact]
    public async Task RenderAsync_ConfigWithMissingVariable_FailedWithPosition()
    {
        await _f.AddAsync(BootFixture.LinuxProfile() with
        {
            Configs = new Dictionary<string, string> { ["kickstart"] = "lang en_US\nrootpw {{rootPassword}}\n" },
        });
        var machine = await _f.AddAsync(BootFixture.NewMachine(profile: "linux"));

        var result = await _f.RenderAsync(BootFixture.Request(), new BootArtifact(BootArtifactKind.Config, "kickstart"));

        result.Status.ShouldBe(RenderStatus.Failed);
        result.MachineId.ShouldBe(machine.Id);
        result.Content.ShouldBeEmpty();
        result.Error.ShouldNotBeNull();
        result.Error.Template.ShouldBe("profile linux configs.kickstart");
        result.Error.Line.ShouldBe(2);
        result.Error.Column.ShouldBe(8);
        result.Reason.ShouldBe("profile linux configs.kickstart:2:8: variable 'rootPassword' is not defined");
    }

    [Fact]
    public async Task RenderAsync_ProfileArgsWithMissingVariable_FailedNamingField()
    {
        await _f.AddAsync(BootFixture.LinuxProfile() with { Args = "console={{console}}" });
        await _f.AddAsync(BootFixture.NewMachine(profile: "linux"));

        var result = await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe);

        result.Status.ShouldBe(RenderStatus.Failed);
        result.Error!.Template.ShouldBe("profile linux args");
        result.Error.Line.ShouldBe(1);
        result.Error.Column.ShouldBe(9);
    }

    [Fact]
    public async Task RenderAsync_OperatorTemplate_ReplacesBuiltIn()
    {
        await _f.AddAsync(BootFixture.LinuxProfile());
        await _f.AddAsync(BootFixture.NewMachine(profile: "linux"));
        await _f.Templates.AddVersionAsync(BuiltInTemplates.Ipxe, "#!ipxe\necho custom {{machine.hostname}}\n", BootFixture.Ct);
        _f.Cache.Invalidate();

        var result = await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe);

        result.Content.ShouldBe("#!ipxe\necho custom web-01\n");
    }

    [Fact]
    public async Task RenderChainAsync_AnyRequest_AsksServerWithMachineFacts()
    {
        var result = await _f.Renderer.RenderChainAsync(BootFixture.Request(mac: null), BootFixture.Ct);

        result.Status.ShouldBe(RenderStatus.Ok);
        result.ContentType.ShouldBe(IpxeType);
        result.Content.ShouldStartWith("#!ipxe\n");
        var chain = result.Content.Split('\n').Single(l => l.StartsWith("chain ", StringComparison.Ordinal));
        chain.ShouldStartWith($"chain --replace --autofree {BootFixture.BaseUrl}/ipxe?");
        chain.ShouldContain("mac=${net0/mac}");
        chain.ShouldContain("uuid=${uuid}");
        chain.ShouldContain("arch=${buildarch}");
        chain.ShouldContain("platform=${platform}");
        chain.ShouldContain("&hostname=${hostname:uristring}&");
        result.Content.ShouldContain(":failed");
    }

    [Fact]
    public async Task FindMachineAsync_MacAndUuidUnknown_ReturnsNull()
    {
        await _f.AddAsync(BootFixture.NewMachine());
        var request = BootFixture.Request("52:54:00:00:00:02") with { Uuid = Guid.NewGuid() };

        (await _f.Renderer.FindMachineAsync(request, BootFixture.Ct)).ShouldBeNull();
    }

    [Fact]
    public void BootArtifactTryParse_Texts_ReadKinds()
    {
        BootArtifact.TryParse("ipxe", out var ipxe).ShouldBeTrue();
        ipxe.ShouldBe(BootArtifact.Ipxe);
        BootArtifact.TryParse("kickstart", out var config).ShouldBeTrue();
        config.ShouldBe(new BootArtifact(BootArtifactKind.Config, "kickstart"));
        BootArtifact.TryParse("generic/a.txt", out var file).ShouldBeTrue();
        file.ShouldBe(new BootArtifact(BootArtifactKind.File, "a.txt"));
        file.ToString().ShouldBe("generic/a.txt");
        BootArtifact.TryParse("generic/", out _).ShouldBeFalse();
        BootArtifact.TryParse("autounattend", out _).ShouldBeFalse();
        BootArtifact.TryParse(null, out _).ShouldBeFalse();
    }
}
