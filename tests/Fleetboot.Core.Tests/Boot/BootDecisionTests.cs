using Fleetboot.Core.Boot;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Tests.Fakes;

namespace Fleetboot.Core.Tests.Boot;

/// <summary>What a known machine's loader gets, by lifecycle state and netboot policy.</summary>
public sealed class BootDecisionTests : IDisposable
{
    private readonly BootFixture _f = new();

    public void Dispose() => _f.Dispose();

    private async Task<string> IpxeForAsync(Machine machine, Core.Profiles.Profile? profile = null)
    {
        await _f.AddAsync(profile ?? BootFixture.LinuxProfile());
        await _f.AddAsync(machine with { ProfileId = (profile ?? BootFixture.LinuxProfile()).Id });
        var result = await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe);
        return result.Status == RenderStatus.Ok ? result.Content : $"404 {result.Reason}";
    }

    [Theory]
    [InlineData(MachineState.Provisioning)]
    [InlineData(MachineState.Installing)]
    public async Task Ipxe_InstallPending_BootsProfile(MachineState state)
    {
        (await IpxeForAsync(BootFixture.NewMachine() with { State = state })).ShouldContain("kernel http://10.0.0.1:8080/assets/linux/vmlinuz");
    }

    [Theory]
    [InlineData(MachineState.Installed, "web-01 is installed")]
    [InlineData(MachineState.Registered, "web-01 has no install pending")]
    [InlineData(MachineState.Retired, "web-01 is retired")]
    public async Task Ipxe_NothingPending_ExitsWithReason(MachineState state, string reason)
    {
        var script = await IpxeForAsync(BootFixture.NewMachine() with { State = state });

        script.ShouldContain($"echo Fleetboot: {reason}\n");
        script.ShouldNotContain("kernel ");
        script.TrimEnd().ShouldEndWith("exit");
    }

    [Fact]
    public async Task Ipxe_FailedInstall_SaysWhyAndHowToRetry()
    {
        var script = await IpxeForAsync(BootFixture.NewMachine() with { State = MachineState.Failed, StateReason = "disk not found" });

        script.ShouldContain("the install of web-01 failed (disk not found); reprovision it to try again");
    }

    [Fact]
    public async Task Ipxe_InstalledWithDiskMethod_Sanboots()
    {
        var script = await IpxeForAsync(BootFixture.NewMachine() with { State = MachineState.Installed, LocalBoot = LocalBootMethod.Disk });

        script.ShouldContain("sanboot --no-describe --drive 0x80");
    }

    [Fact]
    public async Task Ipxe_ProfileHttp404Method_Answers404()
    {
        var script = await IpxeForAsync(BootFixture.NewMachine() with { State = MachineState.Installed },
            BootFixture.LinuxProfile() with { LocalBoot = LocalBootMethod.Http404 });

        script.ShouldBe("404 web-01 is installed");
    }

    [Fact]
    public async Task Ipxe_NetbootAlways_BootsProfileWhenInstalled()
    {
        (await IpxeForAsync(BootFixture.NewMachine() with { State = MachineState.Installed, Netboot = NetbootPolicy.Always }))
            .ShouldContain("kernel ");
    }

    [Fact]
    public async Task Ipxe_NetbootNever_BootsDiskEvenWhenProvisioning()
    {
        (await IpxeForAsync(BootFixture.NewMachine() with { State = MachineState.Provisioning, Netboot = NetbootPolicy.Never }))
            .ShouldContain("never boots from the network");
    }

    [Fact]
    public async Task Grub_InstalledWithDiskMethod_ChainloadsDiskLoader()
    {
        await _f.AddAsync(BootFixture.LinuxProfile());
        await _f.AddAsync(BootFixture.NewMachine(profile: "linux") with { State = MachineState.Installed, LocalBoot = LocalBootMethod.Disk });

        var cfg = (await _f.RenderAsync(BootFixture.Request(), BootArtifact.Grub)).Content;

        cfg.ShouldContain("chainloader /EFI/BOOT/BOOTX64.EFI");
    }

    [Fact]
    public async Task Pxelinux_Installed_LocalBoots()
    {
        await _f.AddAsync(BootFixture.LinuxProfile());
        await _f.AddAsync(BootFixture.NewMachine(profile: "linux") with { State = MachineState.Installed });

        (await _f.RenderAsync(BootFixture.Request(), BootArtifact.Pxelinux)).Content.ShouldContain("LOCALBOOT 0");
    }

    [Fact]
    public async Task Config_InstalledMachine_IsStillServed()
    {
        await _f.AddAsync(BootFixture.LinuxProfile() with { Configs = new Dictionary<string, string> { ["ignition"] = "{}" } });
        await _f.AddAsync(BootFixture.NewMachine(profile: "linux") with { State = MachineState.Installed });

        (await _f.RenderAsync(BootFixture.Request(), new BootArtifact(BootArtifactKind.Config, "ignition"))).Status.ShouldBe(RenderStatus.Ok);
    }

    [Fact]
    public async Task Ipxe_DiscoveredWithDiscoveryProfile_BootsIt()
    {
        using var f = new BootFixture(new BootOptions { DiscoveryProfile = "inventory" });
        await f.AddAsync(BootFixture.LinuxProfile("inventory"));
        await f.AddAsync(BootFixture.NewMachine(hostname: null) with { State = MachineState.Discovered });

        (await f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe)).Content.ShouldContain("profile inventory");
    }

    [Fact]
    public async Task Ipxe_DiscoveredWithoutDiscoveryProfile_GetsUnknownAction()
    {
        await _f.AddAsync(BootFixture.NewMachine(hostname: null) with { State = MachineState.Discovered });

        (await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe)).Content.ShouldContain("is not a registered machine");
    }
}
