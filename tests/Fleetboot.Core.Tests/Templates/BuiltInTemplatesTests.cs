using Fleetboot.Core.Boot;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Templates;
using Fleetboot.Core.Tests.Fakes;

namespace Fleetboot.Core.Tests.Templates;

/// <summary>The shipped templates, rendered through BootRenderer for a normal machine and profile.</summary>
public sealed class BuiltInTemplatesTests : IDisposable
{
    private readonly BootFixture _f = new();

    public void Dispose() => _f.Dispose();

    private async Task<string> RenderAsync(BootArtifact artifact, Machine? machine = null)
    {
        await _f.AddAsync(BootFixture.LinuxProfile() with
        {
            Initrds = ["/assets/linux/initrd.img", "/assets/linux/modules.cpio"],
        });
        await _f.AddAsync((machine ?? BootFixture.NewMachine()) with { ProfileId = "linux" });
        var result = await _f.RenderAsync(BootFixture.Request(), artifact);
        result.Status.ShouldBe(RenderStatus.Ok, result.Reason);
        return result.Content;
    }

    private static string[] Lines(string text) => text.Split('\n').Select(l => l.Trim()).ToArray();

    [Fact]
    public void All_ShipsEveryNamedTemplate()
    {
        BuiltInTemplates.All.Keys.Order(StringComparer.Ordinal).ShouldBe([
            "grub", "grub-dispatch", "grub-exit", "ipxe", "ipxe-chain", "ipxe-exit", "ipxe-menu", "pxelinux", "pxelinux-exit",
        ]);
        BuiltInTemplates.All.Values.ShouldAllBe(t => t.Length > 0);
    }

    [Theory]
    [InlineData(BuiltInTemplates.IpxeChain)]
    [InlineData(BuiltInTemplates.Ipxe)]
    [InlineData(BuiltInTemplates.IpxeExit)]
    [InlineData(BuiltInTemplates.IpxeMenu)]
    [InlineData(BuiltInTemplates.Grub)]
    [InlineData(BuiltInTemplates.GrubExit)]
    [InlineData(BuiltInTemplates.GrubDispatch)]
    [InlineData(BuiltInTemplates.Pxelinux)]
    [InlineData(BuiltInTemplates.PxelinuxExit)]
    public void Validate_BuiltIn_Parses(string name)
    {
        Should.NotThrow(() => new TemplateEngine().Validate(name, BuiltInTemplates.All[name]));
    }

    [Fact]
    public async Task Ipxe_NormalMachine_LoadsKernelInitrdsAndBoots()
    {
        var text = await RenderAsync(BootArtifact.Ipxe);

        var lines = Lines(text);
        text.ShouldStartWith("#!ipxe\n");
        lines.ShouldContain("# Fleetboot: web-01 (52:54:00:00:00:01) boots profile linux");
        lines.ShouldContain("kernel http://10.0.0.1:8080/assets/linux/vmlinuz console=ttyS0 initrd=initrd.img initrd=modules.cpio "
            + "fleetboot.server=http://10.0.0.1:8080 fleetboot.mac=52:54:00:00:00:01 fleetboot.token=tok-525400000001 || goto failed");
        lines.ShouldContain("initrd --name initrd.img http://10.0.0.1:8080/assets/linux/initrd.img || goto failed");
        lines.ShouldContain("initrd --name modules.cpio http://10.0.0.1:8080/assets/linux/modules.cpio || goto failed");
        lines.ShouldContain("boot || goto failed");
        lines.ShouldContain(":failed");
        lines.ShouldContain("chain --replace --autofree http://10.0.0.1:8080/ipxe?mac=52:54:00:00:00:01 || goto failed");
        Array.IndexOf(lines, "boot || goto failed").ShouldBeGreaterThan(Array.FindIndex(lines, l => l.StartsWith("initrd --name modules.cpio", StringComparison.Ordinal)));
        Array.IndexOf(lines, ":failed").ShouldBeGreaterThan(Array.IndexOf(lines, "boot || goto failed"));
        text.ShouldNotContain("{{");
    }

    [Fact]
    public async Task Ipxe_MachineWithoutHostname_StillRenders()
    {
        var text = await RenderAsync(BootArtifact.Ipxe, BootFixture.NewMachine(hostname: null));

        text.ShouldContain("# Fleetboot:  (52:54:00:00:00:01) boots profile linux");
        text.ShouldContain("\nboot || goto failed");
    }

    [Fact]
    public async Task Grub_NormalMachine_UsesLinuxAndInitrdWithOurAssetsByTftp()
    {
        var text = await RenderAsync(BootArtifact.Grub);
        text.ShouldBe(
            "# Fleetboot: web-01 (52:54:00:00:00:01) boots profile linux\n"
            + "set timeout=0\n"
            + "menuentry \"Fleetboot: linux\" {\n"
            + "  echo \"Fleetboot: loading http://10.0.0.1:8080/assets/linux/vmlinuz\"\n"
            + "  linux (tftp,10.0.0.1)/assets/linux/vmlinuz console=ttyS0 initrd=initrd.img initrd=modules.cpio "
            + "fleetboot.server=http://10.0.0.1:8080 fleetboot.mac=52:54:00:00:00:01 fleetboot.token=tok-525400000001\n"
            + "  initrd (tftp,10.0.0.1)/assets/linux/initrd.img (tftp,10.0.0.1)/assets/linux/modules.cpio\n"
            + "}\n");

        var lines = Lines(text);
        lines.ShouldContain("linux (tftp,10.0.0.1)/assets/linux/vmlinuz console=ttyS0 initrd=initrd.img initrd=modules.cpio "
            + "fleetboot.server=http://10.0.0.1:8080 fleetboot.mac=52:54:00:00:00:01 fleetboot.token=tok-525400000001");
        lines.ShouldContain("initrd (tftp,10.0.0.1)/assets/linux/initrd.img (tftp,10.0.0.1)/assets/linux/modules.cpio");
        lines.ShouldContain("menuentry \"Fleetboot: linux\" {");
        text.ShouldNotContain("linuxefi");
        text.ShouldNotContain("initrdefi");
        text.ShouldNotContain("{{");
    }

    [Fact]
    public async Task GrubDispatch_AnyClient_SendsGrubToItsPerMacConfigByTftp()
    {
        var result = await _f.Renderer.RenderGrubDispatchAsync(BootFixture.Request(null), BootFixture.Ct);

        result.Status.ShouldBe(RenderStatus.Ok);
        var lines = Lines(result.Content);
        lines.ShouldContain("regexp --set=1:fb_m1 --set=2:fb_m2 --set=3:fb_m3 --set=4:fb_m4 --set=5:fb_m5 --set=6:fb_m6 '^(..):(..):(..):(..):(..):(..)$' \"$net_default_mac\"");
        lines.ShouldContain("configfile (tftp,10.0.0.1)/grub/grub.cfg-01-${fb_m1}-${fb_m2}-${fb_m3}-${fb_m4}-${fb_m5}-${fb_m6}");
    }

    [Fact]
    public async Task Grub_ProfileWithoutInitrds_HasNoBareInitrdCommand()
    {
        await _f.AddAsync(BootFixture.LinuxProfile() with { Initrds = [] });
        await _f.AddAsync(BootFixture.NewMachine(profile: "linux"));

        var result = await _f.RenderAsync(BootFixture.Request(), BootArtifact.Grub);

        result.Status.ShouldBe(RenderStatus.Ok);
        result.Content.ShouldBe(
            "# Fleetboot: web-01 (52:54:00:00:00:01) boots profile linux\n"
            + "set timeout=0\n"
            + "menuentry \"Fleetboot: linux\" {\n"
            + "  echo \"Fleetboot: loading http://10.0.0.1:8080/assets/linux/vmlinuz\"\n"
            + "  linux (tftp,10.0.0.1)/assets/linux/vmlinuz console=ttyS0 "
            + "fleetboot.server=http://10.0.0.1:8080 fleetboot.mac=52:54:00:00:00:01 fleetboot.token=tok-525400000001\n"
            + "}\n");
        var lines = Lines(result.Content);
        lines.ShouldContain(l => l.StartsWith("linux (tftp,10.0.0.1)/assets/linux/vmlinuz console=ttyS0 fleetboot.server=", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.StartsWith("initrd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pxelinux_NormalMachine_HasKernelInitrdAndAppend()
    {
        var text = await RenderAsync(BootArtifact.Pxelinux);

        var lines = Lines(text);
        lines.ShouldContain("DEFAULT fleetboot");
        lines.ShouldContain("LABEL fleetboot");
        lines.ShouldContain("KERNEL http://10.0.0.1:8080/assets/linux/vmlinuz");
        lines.ShouldContain("INITRD http://10.0.0.1:8080/assets/linux/initrd.img,http://10.0.0.1:8080/assets/linux/modules.cpio");
        // No initrd= on the APPEND line: PXELINUX would load those names instead of the INITRD line's URLs.
        lines.ShouldContain("APPEND console=ttyS0 "
            + "fleetboot.server=http://10.0.0.1:8080 fleetboot.mac=52:54:00:00:00:01 fleetboot.token=tok-525400000001");
    }

    [Fact]
    public async Task ExitTemplates_MachineWithoutProfile_HandOverToNextDevice()
    {
        await _f.AddAsync(BootFixture.NewMachine());

        var ipxe = (await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe)).Content;
        var grub = (await _f.RenderAsync(BootFixture.Request(), BootArtifact.Grub)).Content;
        var pxelinux = (await _f.RenderAsync(BootFixture.Request(), BootArtifact.Pxelinux)).Content;

        Lines(ipxe).ShouldBe(["#!ipxe", "echo Fleetboot: no profile or group applies to web-01", "echo Fleetboot: handing over to the next boot device", "exit", ""]);
        Lines(grub).ShouldContain("# Fleetboot: no profile or group applies to web-01");
        Lines(grub).ShouldContain("exit");
        Lines(pxelinux).ShouldContain("DEFAULT local");
        Lines(pxelinux).ShouldContain("LOCALBOOT 0");
    }
}
