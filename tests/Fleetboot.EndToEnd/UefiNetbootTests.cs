using Fleetboot.Cli.Lab;
using Fleetboot.Core.Dhcp;

namespace Fleetboot.EndToEnd;

/// <summary>
/// Paths 2 and 3 of the lab with OVMF (no iPXE option ROM): the firmware's own network stack loads iPXE for EFI
/// (Fleetboot's default UEFI loader from Debian's ipxe package, over Fleetboot's TFTP or by URL from its HTTP server),
/// which then follows the same chain as path 1. DHCP is Fleetboot's own.
/// </summary>
public sealed class UefiNetbootTests
{
    private static readonly string Loader = new BootLoaderOptions().UefiLoader;

    [Fact(Timeout = 20 * 60 * 1000)]
    public async Task OvmfUefiPxe_LoadsEfiIpxeOverTftp_ThenNetbootsTestInstaller()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await LabRun.StartAsync(nameof(OvmfUefiPxe_LoadsEfiIpxeOverTftp_ThenNetbootsTestInstaller), ct);
        var run = await InstallerRun.BootAsync(lab, "uefi-pxe", LabFirmware.Uefi, ct);

        run.Serial.ShouldContain("Start PXE over IPv4", Case.Sensitive, run.Context);
        run.Serial.ShouldContain($"NBP filename is {Loader}", Case.Sensitive, run.Context);
        await run.ShouldHaveAnsweredDhcpAsync(Loader, d => d.GetValueOrDefault("arch") == ClientArchitectures.Name(ClientArchitectures.X64Uefi)
            && d.GetValueOrDefault("vendorClass", "").StartsWith("PXEClient:Arch:00007", StringComparison.Ordinal), ct);
        await run.ShouldHaveInstalledAsync(ct);

        // Fleetboot's TFTP server sent the loader (the firmware's size probe may come first and end early).
        var events = await run.AllEventsAsync(ct);
        events.ShouldContain(e => e.Kind == "tftp.transfer" && e.Outcome == "ok" && e.Data != null
                && e.Data["file"] == Loader && e.Source.StartsWith(lab.Session.Network.SubnetPrefix + ".", StringComparison.Ordinal),
            $"no completed TFTP transfer of {Loader}: {string.Join("; ", events.Where(e => e.Kind.StartsWith("tftp", StringComparison.Ordinal)).Select(e => $"{e.Outcome} {e.Source} {e.Message}"))}");
        lab.Succeeded();
    }

    [Fact(Timeout = 20 * 60 * 1000)]
    public async Task OvmfUefiHttpBoot_LoadsEfiIpxeByUrl_ThenNetbootsTestInstaller()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await LabRun.StartAsync(nameof(OvmfUefiHttpBoot_LoadsEfiIpxeByUrl_ThenNetbootsTestInstaller), ct);
        var run = await InstallerRun.BootAsync(lab, "uefi-http", LabFirmware.UefiHttp, ct);

        var loaderUrl = $"{run.Server}/{Loader}";
        run.Serial.ShouldContain("Start HTTP Boot over IPv4", Case.Sensitive, run.Context);
        run.Serial.ShouldNotContain("Start PXE over IPv4", Case.Sensitive, run.Context);
        run.Serial.ShouldContain($"URI: {loaderUrl}", Case.Sensitive, run.Context);
        await run.ShouldHaveAnsweredDhcpAsync(loaderUrl, d => d.GetValueOrDefault("arch") == ClientArchitectures.Name(ClientArchitectures.X64UefiHttp)
            && d.GetValueOrDefault("vendorClass", "").StartsWith("HTTPClient:Arch:00016", StringComparison.Ordinal), ct);
        await run.ShouldHaveInstalledAsync(ct);
        lab.Succeeded();
    }
}
