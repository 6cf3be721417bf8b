using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Groups;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Tests.Fakes;

namespace Fleetboot.Core.Tests.Dhcp;

public sealed class RegistryDhcpDirectoryTests : IDisposable
{
    private readonly BootFixture _boot = new();
    private readonly RegistryDhcpDirectory _directory;

    public RegistryDhcpDirectoryTests() => _directory = new RegistryDhcpDirectory(_boot.Machines, _boot.Cache, new RecordingEventSink());

    private static CancellationToken Ct => BootFixture.Ct;

    private async Task<string?> LoaderOfAsync(Machine machine) => (await _directory.FindAsync(machine.PrimaryMac, Ct))!.LoaderOverride;

    [Fact]
    public async Task FindAsync_MachineWithOwnLoader_WinsOverItsProfiles()
    {
        await _boot.AddAsync(BootFixture.LinuxProfile() with { Loader = "grub" });
        var machine = await _boot.AddAsync(BootFixture.NewMachine(profile: "linux") with { Loader = "shim" });
        (await LoaderOfAsync(machine)).ShouldBe("shim");
    }

    [Fact]
    public async Task FindAsync_MachineWithoutLoader_GetsItsProfilesLoader()
    {
        await _boot.AddAsync(BootFixture.LinuxProfile() with { Loader = "pxelinux" });
        var machine = await _boot.AddAsync(BootFixture.NewMachine(profile: "linux"));
        (await LoaderOfAsync(machine)).ShouldBe("pxelinux");
    }

    [Fact]
    public async Task FindAsync_MachineWithoutProfile_GetsTheLoaderOfItsGroupsProfile()
    {
        await _boot.AddAsync(BootFixture.LinuxProfile() with { Loader = "ipxe" });
        await _boot.AddAsync(BootFixture.LinuxProfile("secure") with { Loader = "shim" });
        await _boot.AddAsync(new Group { Id = "default", ProfileId = "linux" });
        await _boot.AddAsync(new Group { Id = "racks", ProfileId = "secure", Selectors = new Dictionary<string, string> { ["rack"] = "r1" } });
        var inRack = await _boot.AddAsync(BootFixture.NewMachine() with { Labels = new Dictionary<string, string> { ["rack"] = "r1" } });
        var other = await _boot.AddAsync(BootFixture.NewMachine("52:54:00:00:00:02", "web-02"));
        (await LoaderOfAsync(inRack)).ShouldBe("shim");
        (await LoaderOfAsync(other)).ShouldBe("ipxe");
    }

    [Fact]
    public async Task FindAsync_NoLoaderAnywhere_GivesNull()
    {
        await _boot.AddAsync(BootFixture.LinuxProfile());
        var machine = await _boot.AddAsync(BootFixture.NewMachine(profile: "linux"));
        (await LoaderOfAsync(machine)).ShouldBeNull();
    }

    public void Dispose() => _boot.Dispose();
}
