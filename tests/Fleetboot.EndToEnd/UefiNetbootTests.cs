using Fleetboot.Cli.Lab;

namespace Fleetboot.EndToEnd;

/// <summary>
/// Paths 2 and 3 of the lab with OVMF (no iPXE option ROM): the firmware's own network stack loads iPXE for EFI
/// (snponly.efi from Debian's ipxe package, over Fleetboot's TFTP or by URL), which then follows the same chain as
/// path 1. Until Fleetboot's DHCP serves the lab, dnsmasq in the test's namespace answers DHCP.
/// </summary>
public sealed class UefiNetbootTests
{
    [Fact(Timeout = 20 * 60 * 1000)]
    public async Task OvmfUefiPxe_LoadsEfiIpxeOverTftp_ThenNetbootsTestInstaller()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await LabRun.StartAsync(nameof(OvmfUefiPxe_LoadsEfiIpxeOverTftp_ThenNetbootsTestInstaller), ct);
        var run = await InstallerRun.BootAsync(lab, "uefi-pxe", LabFirmware.Uefi, ct);

        run.Serial.ShouldContain("Start PXE over IPv4", Case.Sensitive, run.Context);
        run.DhcpLog.ShouldContain("vendor class: PXEClient:Arch:00007", Case.Sensitive, run.DhcpLog);
        run.DhcpLog.ShouldContain($"bootfile-name  {LabLoaders.EfiLoader}", Case.Sensitive, run.DhcpLog);
        run.Serial.ShouldContain($"NBP filename is {LabLoaders.EfiLoader}", Case.Sensitive, run.Context);
        run.Serial.ShouldContain("using SNP on SNP-", Case.Sensitive, run.Context);
        await run.ShouldHaveInstalledAsync(ct);

        // Fleetboot's TFTP server sent the loader (the firmware's size probe may come first and end early).
        var events = await run.AllEventsAsync(ct);
        events.ShouldContain(e => e.Kind == "tftp.transfer" && e.Outcome == "ok" && e.Data != null
                && e.Data["file"] == LabLoaders.EfiLoader && e.Source.StartsWith(lab.Session.Network.SubnetPrefix + ".", StringComparison.Ordinal),
            $"no completed TFTP transfer of {LabLoaders.EfiLoader}: {string.Join("; ", events.Where(e => e.Kind.StartsWith("tftp", StringComparison.Ordinal)).Select(e => $"{e.Outcome} {e.Source} {e.Message}"))}");
        lab.Succeeded();
    }

    [Fact(Timeout = 20 * 60 * 1000)]
    public async Task OvmfUefiHttpBoot_LoadsEfiIpxeByUrl_ThenNetbootsTestInstaller()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await LabRun.StartAsync(nameof(OvmfUefiHttpBoot_LoadsEfiIpxeByUrl_ThenNetbootsTestInstaller), ct);
        var run = await InstallerRun.BootAsync(lab, "uefi-http", LabFirmware.UefiHttp, ct);

        var loaderUrl = $"{run.Server}/assets/{LabRegistry.InstallerAssets}/{LabLoaders.EfiLoader}";
        run.Serial.ShouldContain("Start HTTP Boot over IPv4", Case.Sensitive, run.Context);
        run.Serial.ShouldNotContain("Start PXE over IPv4", Case.Sensitive, run.Context);
        run.Serial.ShouldContain($"URI: {loaderUrl}", Case.Sensitive, run.Context);
        run.DhcpLog.ShouldContain("vendor class: HTTPClient:Arch:00016", Case.Sensitive, run.DhcpLog);
        run.DhcpLog.ShouldContain($"bootfile-name  {loaderUrl}", Case.Sensitive, run.DhcpLog);
        await run.ShouldHaveInstalledAsync(ct);
        lab.Succeeded();
    }
}
