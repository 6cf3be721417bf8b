using Fleetboot.Cli.Lab;
using Fleetboot.Core.Events;

namespace Fleetboot.EndToEnd;

/// <summary>
/// Paths 4, 5 and 6 of the lab: loaders other than iPXE, chosen by the machine's <c>loader</c> and offered by
/// Fleetboot's own DHCP. Each loader reads its per-MAC config from Fleetboot's TFTP server (rendered), then loads the
/// test installer's kernel and initrd.
/// </summary>
public sealed class LoaderBootTests
{
    [Fact(Timeout = 25 * 60 * 1000)]
    public async Task OvmfUefiPxe_GrubLoader_ReadsPerMacGrubCfgAndLoadsKernelByTftp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await LabRun.StartAsync(nameof(OvmfUefiPxe_GrubLoader_ReadsPerMacGrubCfgAndLoadsKernelByTftp), ct);
        var run = await InstallerRun.BootAsync(lab, "grub-efi", LabFirmware.Grub, ct);

        run.Serial.ShouldContain("Start PXE over IPv4", Case.Sensitive, run.Context);
        run.Serial.ShouldContain("NBP filename is grubnetx64.efi", Case.Sensitive, run.Context);
        run.Serial.ShouldContain($"Fleetboot: loading {run.Server}{InstallerRun.KernelPath}", Case.Sensitive, run.Context);
        // The firmware without Microsoft's keys: the kernel reports Secure Boot off (the contrast to path 5).
        run.Serial.ShouldContain("secureboot: Secure boot disabled", Case.Sensitive, run.Context);
        await ShouldHaveBootedByTftpAsync(run, ["grubnetx64.efi", "grub/grub.cfg", GrubConfig(run), .. Assets()], "grubnetx64.efi", ct);
        lab.Succeeded();
    }

    [Fact(Timeout = 25 * 60 * 1000)]
    public async Task OvmfSecureBoot_ShimLoader_LoadsSignedGrubAndSignedKernelWithSecureBootEnforced()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await LabRun.StartAsync(nameof(OvmfSecureBoot_ShimLoader_LoadsSignedGrubAndSignedKernelWithSecureBootEnforced), ct);
        var run = await InstallerRun.BootAsync(lab, "secureboot", LabFirmware.SecureBoot, ct);

        run.Serial.ShouldContain("NBP filename is shimx64.efi", Case.Sensitive, run.Context);
        run.Serial.ShouldContain($"Fleetboot: loading {run.Server}{InstallerRun.KernelPath}", Case.Sensitive, run.Context);
        // The kernel saw Secure Boot on: the firmware verified shim, shim verified GRUB, GRUB (through shim) the kernel.
        run.Serial.ShouldContain("EFI stub: UEFI Secure Boot is enabled.", Case.Sensitive, run.Context);
        run.Serial.ShouldContain("secureboot: Secure boot enabled", Case.Sensitive, run.Context);
        run.Serial.ShouldContain("Kernel is locked down from EFI Secure Boot", Case.Sensitive, run.Context);
        await ShouldHaveBootedByTftpAsync(run, ["shimx64.efi", "grubx64.efi", "grub/grub.cfg", GrubConfig(run), .. Assets()], "shimx64.efi", ct);
        lab.Succeeded();
    }

    [Fact(Timeout = 25 * 60 * 1000)]
    public async Task SeaBiosPxe_PxelinuxLoader_ReadsPerMacPxelinuxCfgAndBootsTheInstaller()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await LabRun.StartAsync(nameof(SeaBiosPxe_PxelinuxLoader_ReadsPerMacPxelinuxCfgAndBootsTheInstaller), ct);
        var run = await InstallerRun.BootAsync(lab, "pxelinux", LabFirmware.Pxelinux, ct);
        var assets = $"{run.Server}/assets/{LabRegistry.InstallerAssets}";

        // QEMU's PXE ROM is iPXE and says so in its DHCP (user class iPXE): the machine's loader still wins.
        run.Serial.ShouldContain("iPXE (PCI 00:03.0) starting execution", Case.Sensitive, run.Context);
        run.Serial.ShouldNotContain($"{run.Server}/boot.ipxe", Case.Sensitive, run.Context);
        run.Serial.ShouldContain("Filename: lpxelinux.0", Case.Sensitive, run.Context);
        run.Serial.ShouldContain("PXELINUX 6.04", Case.Sensitive, run.Context);
        run.Serial.ShouldContain($"Loading {assets}/vmlinuz... ok", Case.Sensitive, run.Context);
        run.Serial.ShouldContain($"Loading {assets}/initrd.gz...ok", Case.Sensitive, run.Context);
        var pxelinuxCfg = $"pxelinux.cfg/01-{run.Machine.PrimaryMac.ToDashed()}";
        var timeline = await run.ShouldHaveRunInstallerAsync(e => e.Kind == "http.asset" && e.Message.Contains(InstallerRun.InitrdPath, StringComparison.Ordinal), ct);
        var events = await run.AllEventsAsync(ct);
        ShouldHaveOffered(run, events, "lpxelinux.0");
        ShouldHaveTransferred(run, events, ["lpxelinux.0", "ldlinux.c32", pxelinuxCfg]);
        // lpxelinux fetches the kernel and initrd over HTTP.
        timeline.ShouldContain(e => e.Kind == "http.asset" && e.Outcome == "ok" && e.Message.Contains(InstallerRun.KernelPath, StringComparison.Ordinal), run.Shown(timeline));
        lab.Succeeded();
    }

    private static string GrubConfig(InstallerRun run) => $"grub/grub.cfg-01-{run.Machine.PrimaryMac.ToDashed()}";

    private static string[] Assets() => [InstallerRun.KernelPath.TrimStart('/'), InstallerRun.InitrdPath.TrimStart('/')];

    private static async Task ShouldHaveBootedByTftpAsync(InstallerRun run, string[] files, string loader, CancellationToken ct)
    {
        await run.ShouldHaveRunInstallerAsync(e => e.Kind == "tftp.transfer" && e.Data != null && e.Data["file"] == Assets()[1], ct);
        var events = await run.AllEventsAsync(ct);
        ShouldHaveOffered(run, events, loader);
        ShouldHaveTransferred(run, events, files);
    }

    /// <summary>Fleetboot's DHCP offered the machine its loader.</summary>
    private static void ShouldHaveOffered(InstallerRun run, IReadOnlyList<BootEvent> events, string loader) =>
        events.ShouldContain(e => e.Kind == "dhcp.offer" && e.Mac == run.Machine.PrimaryMac.ToString() && e.Data != null
                && e.Data["filename"] == loader && e.Data["loader"] == "override",
            $"no DHCP offer of {loader}{run.Shown(events.Where(e => e.Kind.StartsWith("dhcp.", StringComparison.Ordinal)))}");

    /// <summary>Fleetboot's TFTP server completed each transfer (a size probe may come first and end early).</summary>
    private static void ShouldHaveTransferred(InstallerRun run, IReadOnlyList<BootEvent> events, IEnumerable<string> files)
    {
        var transfers = events.Where(e => e.Kind.StartsWith("tftp", StringComparison.Ordinal)).ToList();
        foreach (var file in files)
            transfers.ShouldContain(e => e.Kind == "tftp.transfer" && e.Outcome == "ok" && e.Data != null && e.Data["file"] == file,
                $"no completed TFTP transfer of {file}{run.Shown(transfers)}");
    }
}
