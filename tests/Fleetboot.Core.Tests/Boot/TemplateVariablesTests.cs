using Fleetboot.Core.Boot;
using Fleetboot.Core.Groups;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Profiles;
using Fleetboot.Core.Tests.Fakes;

namespace Fleetboot.Core.Tests.Boot;

/// <summary>The variables a template sees, observed through what BootRenderer renders.</summary>
public sealed class TemplateVariablesTests : IDisposable
{
    private readonly BootFixture _f = new();

    public void Dispose() => _f.Dispose();

    private async Task<string> RenderConfigAsync(
        string template, Profile? profile = null, Group? group = null, Machine? machine = null, BootRequest? request = null)
    {
        profile ??= BootFixture.LinuxProfile();
        await _f.AddAsync(profile with { Configs = new Dictionary<string, string> { ["kickstart"] = template } });
        if (group is not null) await _f.AddAsync(group with { ProfileId = profile.Id });
        await _f.AddAsync((machine ?? BootFixture.NewMachine()) with { ProfileId = group is null ? profile.Id : null });
        var result = await _f.RenderAsync(request ?? BootFixture.Request(), new BootArtifact(BootArtifactKind.Config, "kickstart"));
        result.Status.ShouldBe(RenderStatus.Ok, result.Reason);
        return result.Content;
    }

    [Fact]
    public async Task Render_MetadataAtEveryLevel_LaterLevelsOverrideEarlier()
    {
        var content = await RenderConfigAsync(
            "{{a}} {{b}} {{c}} {{d}}",
            profile: BootFixture.LinuxProfile() with { Metadata = BootFixture.Json("""{"a":"p","b":"p","c":"p","d":"p"}""") },
            group: new Group { Id = "default", ProfileId = "", Metadata = BootFixture.Json("""{"b":"g","c":"g","d":"g"}""") },
            machine: BootFixture.NewMachine() with { Metadata = BootFixture.Json("""{"c":"m","d":"m"}""") },
            request: BootFixture.Request(query: new Dictionary<string, string> { ["d"] = "q" }));

        content.ShouldBe("p g m q");
    }

    [Fact]
    public async Task Render_EmptyQueryValue_DoesNotOverrideMetadata()
    {
        var content = await RenderConfigAsync(
            "{{hostname}}",
            machine: BootFixture.NewMachine() with { Metadata = BootFixture.Json("""{"hostname":"from-metadata"}""") },
            request: BootFixture.Request(query: new Dictionary<string, string> { ["hostname"] = "" }));

        content.ShouldBe("from-metadata");
    }

    [Fact]
    public async Task Render_MetadataLevels_EachKeepsItsOwnCopy()
    {
        var content = await RenderConfigAsync(
            "{{profile.metadata.x}} {{group.metadata.x}} {{machine.metadata.x}} {{request.query.x}} {{x}}",
            profile: BootFixture.LinuxProfile() with { Metadata = BootFixture.Json("""{"x":"p"}""") },
            group: new Group { Id = "default", ProfileId = "", Metadata = BootFixture.Json("""{"x":"g"}""") },
            machine: BootFixture.NewMachine() with { Metadata = BootFixture.Json("""{"x":"m"}""") },
            request: BootFixture.Request(query: new Dictionary<string, string> { ["x"] = "q" }));

        content.ShouldBe("p g m q q");
    }

    [Fact]
    public async Task Render_NestedMetadata_IsWalkable()
    {
        var content = await RenderConfigAsync(
            "{{disk.device}} {{#each ntp}}[{{this}}]{{/each}} {{#if wipe}}wipe{{/if}} {{size}}",
            machine: BootFixture.NewMachine() with
            {
                Metadata = BootFixture.Json("""{"disk":{"device":"/dev/sda"},"ntp":["a","b"],"wipe":true,"size":40}"""),
            });

        content.ShouldBe("/dev/sda [a][b] wipe 40");
    }

    [Fact]
    public async Task Render_MetadataNamingFixedVariables_CannotOverrideThem()
    {
        var metadata = BootFixture.Json("""
            {"machine":"evil","profile":"evil","group":"evil","request":"evil","server":"evil","token":"evil",
             "kernelArgs":"evil","initrds":"evil","initrdList":"evil","grub":"evil"}
            """);
        var query = new Dictionary<string, string> { ["token"] = "evil-q", ["server"] = "evil-q", ["machine"] = "evil-q", ["kernelArgs"] = "evil-q" };

        var content = await RenderConfigAsync(
            "{{machine.hostname}}|{{profile.id}}|{{group.id}}|{{request.clientIp}}|{{server.baseUrl}}|{{token}}|{{initrdList}}|{{grub.kernel}}|{{kernelArgs}}",
            profile: BootFixture.LinuxProfile() with { Metadata = metadata },
            group: new Group { Id = "default", ProfileId = "", Metadata = metadata },
            machine: BootFixture.NewMachine() with { Metadata = metadata },
            request: BootFixture.Request(query: query));

        content.ShouldNotContain("evil");
        content.ShouldStartWith($"web-01|linux|default|10.0.0.50|{BootFixture.BaseUrl}|tok-525400000001|{BootFixture.BaseUrl}/assets/linux/initrd.img|(tftp,10.0.0.1)/assets/linux/vmlinuz|");
    }

    [Fact]
    public async Task Render_KernelArgs_HaveArgsInitrdNamesAndFleetbootParameters()
    {
        var profile = BootFixture.LinuxProfile() with
        {
            Initrds = ["/assets/linux/initrd.img", "http://mirror.example/extra/firmware.cpio.gz?v=2"],
            Args = "console=ttyS0 quiet",
        };

        var content = await RenderConfigAsync("{{kernelArgs}}", profile: profile,
            machine: BootFixture.NewMachine() with { Macs = [MacAddress.Parse("52:54:00:00:00:01"), MacAddress.Parse("52:54:00:00:00:02")] });

        content.ShouldBe("console=ttyS0 quiet initrd=initrd.img initrd=firmware.cpio.gz "
            + $"fleetboot.server={BootFixture.BaseUrl} fleetboot.mac=52:54:00:00:00:01 fleetboot.token=tok-525400000001");
    }

    [Fact]
    public async Task Render_KernelArgsWithoutArgsOrInitrds_StartWithFleetbootParameters()
    {
        var content = await RenderConfigAsync("[{{kernelArgs}}]", profile: BootFixture.LinuxProfile() with { Args = null, Initrds = [] });

        content.ShouldBe($"[fleetboot.server={BootFixture.BaseUrl} fleetboot.mac=52:54:00:00:00:01 fleetboot.token=tok-525400000001]");
    }

    [Fact]
    public async Task Render_KernelArgsForSecondaryNicRequest_UsePrimaryMac()
    {
        var machine = BootFixture.NewMachine() with { Macs = [MacAddress.Parse("52:54:00:00:00:01"), MacAddress.Parse("52:54:00:00:00:02")] };

        var content = await RenderConfigAsync("{{kernelArgs}}", machine: machine, request: BootFixture.Request("52:54:00:00:00:02"));

        content.ShouldContain("fleetboot.mac=52:54:00:00:00:01 ");
    }

    [Fact]
    public async Task Render_RelativePaths_BecomeAbsoluteOnBaseUrl()
    {
        var profile = BootFixture.LinuxProfile() with
        {
            Kernel = "/assets/k",
            Initrds = ["/assets/i1", "http://other.example/i2"],
            Rootfs = "/assets/rootfs.squashfs",
        };

        var content = await RenderConfigAsync("{{profile.kernel}}|{{#each profile.initrds}}{{this}},{{/each}}|{{profile.rootfs}}|{{initrdList}}", profile: profile);

        content.ShouldBe($"{BootFixture.BaseUrl}/assets/k|{BootFixture.BaseUrl}/assets/i1,http://other.example/i2,|{BootFixture.BaseUrl}/assets/rootfs.squashfs|{BootFixture.BaseUrl}/assets/i1,http://other.example/i2");
    }

    [Fact]
    public async Task Render_ProfileFields_AreTemplatesOverMetadata()
    {
        var profile = BootFixture.LinuxProfile() with
        {
            Kernel = "/assets/{{distro}}/{{version}}/vmlinuz",
            Initrds = ["/assets/{{distro}}/{{version}}/initrd.img"],
            Args = "ip={{machine.ip}} ks={{server.baseUrl}}/config/kickstart?mac={{machine.mac}} console={{console}}",
            Metadata = BootFixture.Json("""{"distro":"fedora","version":"40","console":"tty0"}"""),
        };
        var machine = BootFixture.NewMachine() with
        {
            StaticIp = "10.0.0.21",
            Metadata = BootFixture.Json("""{"version":"41","console":"ttyS1,115200"}"""),
        };

        var content = await RenderConfigAsync("{{profile.kernel}}\n{{profile.initrds.[0]}}\n{{profile.args}}", profile: profile, machine: machine);

        content.ShouldBe($"{BootFixture.BaseUrl}/assets/fedora/41/vmlinuz\n{BootFixture.BaseUrl}/assets/fedora/41/initrd.img\n"
            + $"ip=10.0.0.21 ks={BootFixture.BaseUrl}/config/kickstart?mac=52:54:00:00:00:01 console=ttyS1,115200");
    }

    [Fact]
    public async Task Render_InitrdsWithSameFileName_GetUniqueNames()
    {
        var profile = BootFixture.LinuxProfile() with
        {
            Initrds = ["/a/initrd.img", "/b/initrd.img", "/c/initrd.img?x=1", "/d/", "http://h.example/"],
        };

        var content = await RenderConfigAsync("{{#each initrds}}{{name}}={{url}}\n{{/each}}{{kernelArgs}}", profile: profile);

        var lines = content.Split('\n');
        lines[..5].ShouldBe([
            $"initrd.img={BootFixture.BaseUrl}/a/initrd.img",
            $"2-initrd.img={BootFixture.BaseUrl}/b/initrd.img",
            $"3-initrd.img={BootFixture.BaseUrl}/c/initrd.img?x=1",
            $"d={BootFixture.BaseUrl}/d/",
            "h.example=http://h.example/",
        ]);
        lines[5].ShouldStartWith("console=ttyS0 initrd=initrd.img initrd=2-initrd.img initrd=3-initrd.img initrd=d initrd=h.example fleetboot.server=");
    }

    [Fact]
    public async Task Render_MachineValues_AreExposed()
    {
        var uuid = Guid.Parse("4C4C4544-0042-3510-8051-B4C04F4E4D32");
        var machine = BootFixture.NewMachine() with
        {
            Macs = [MacAddress.Parse("52:54:00:00:00:01"), MacAddress.Parse("52:54:00:00:00:02")],
            Uuid = uuid,
            Serial = "SN1",
            Arch = CpuArchitecture.Arm64,
            Firmware = FirmwareKind.Uefi,
            Role = "worker",
            Labels = new Dictionary<string, string> { ["rack"] = "r1" },
            Features = ["gpu"],
            State = MachineState.Installing,
        };

        var content = await RenderConfigAsync(
            "{{machine.id}}|{{machine.mac}}|{{machine.macDashed}}|{{#each machine.macs}}{{this}},{{/each}}|{{machine.uuid}}|{{machine.serial}}|"
            + "{{machine.arch}}|{{machine.firmware}}|{{machine.role}}|{{machine.labels.rack}}|{{machine.features.[0]}}|{{machine.profile}}|{{machine.state}}",
            machine: machine);

        content.ShouldBe("m-525400000001|52:54:00:00:00:01|52-54-00-00-00-01|52:54:00:00:00:01,52:54:00:00:00:02,|"
            + "4c4c4544-0042-3510-8051-b4c04f4e4d32|SN1|arm64|uefi|worker|r1|gpu|linux|installing");
    }

    [Fact]
    public async Task Render_RequestValues_AreNormalised()
    {
        var request = BootFixture.Request() with { Arch = "i386", Platform = "efi" };

        var content = await RenderConfigAsync("{{request.arch}} {{request.firmware}} {{request.clientIp}} {{server.tftpAddress}}", request: request);

        content.ShouldBe("x86_64 uefi 10.0.0.50 10.0.0.1");
    }

    [Fact]
    public async Task Render_RequestValuesUnrecognised_PassThroughAsGiven()
    {
        var request = BootFixture.Request() with { Arch = "riscv64", Platform = "coreboot" };

        var content = await RenderConfigAsync("{{request.arch}} {{request.firmware}}", request: request);

        content.ShouldBe("riscv64 coreboot");
    }
}
