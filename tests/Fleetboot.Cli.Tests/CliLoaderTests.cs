using Fleetboot.Contracts;

namespace Fleetboot.Cli.Tests;

public sealed class CliLoaderTests(CliServer server) : CliTestBase(server)
{
    [Fact]
    public async Task MachinesAddAndSet_LoaderFlag_SetsChangesAndClearsTheLoader()
    {
        var added = Json(await OkAsync("machines", "add", "52:54:00:20:00:01", "ld-machine", "--loader", "pxelinux", "-o", "json"), FleetbootJsonContext.Default.MachineDto);
        added.Loader.ShouldBe("pxelinux");
        (await OkAsync("machines", "show", "ld-machine")).Stdout.ShouldContain("pxelinux");

        var changed = Json(await OkAsync("machines", "set", "ld-machine", "--loader", "SHIM", "-o", "json"), FleetbootJsonContext.Default.MachineDto);
        changed.Loader.ShouldBe("shim");
        var kept = Json(await OkAsync("machines", "set", "ld-machine", "--role", "worker", "-o", "json"), FleetbootJsonContext.Default.MachineDto);
        kept.Loader.ShouldBe("shim");
        var cleared = Json(await OkAsync("machines", "set", "ld-machine", "--loader", "", "-o", "json"), FleetbootJsonContext.Default.MachineDto);
        cleared.Loader.ShouldBeNull();
    }

    [Fact]
    public async Task ProfilesAddAndSet_LoaderFlag_SetsAndChangesTheLoader()
    {
        var added = Json(await OkAsync("profiles", "add", "ld-profile", "--kernel", "http://mirror.example/linux", "--loader", "grub", "-o", "json"), FleetbootJsonContext.Default.ProfileDto);
        added.Loader.ShouldBe("grub");
        var changed = Json(await OkAsync("profiles", "set", "ld-profile", "--loader", "https://boot.example/efi/shimx64.efi", "-o", "json"), FleetbootJsonContext.Default.ProfileDto);
        changed.Loader.ShouldBe("https://boot.example/efi/shimx64.efi");
        (await OkAsync("profiles", "show", "ld-profile")).Stdout.ShouldContain("https://boot.example/efi/shimx64.efi");
    }

    [Fact]
    public async Task MachinesAdd_BadLoader_FailsInvalidNamingTheField()
    {
        var error = await FailsAsync(7, "machines", "add", "52:54:00:20:00:02", "ld-bad", "--loader", "../grub.efi");
        error.ShouldContain("loader");
        error.ShouldContain("ipxe, grub, shim, pxelinux");
    }
}
