using Fleetboot.Cli.Lab;

namespace Fleetboot.EndToEnd;

/// <summary>
/// Path 1 of the lab: SeaBIOS with QEMU's iPXE option ROM on virtio-net. DHCP (user class iPXE) gives
/// <c>/boot.ipxe</c>, which chains to the machine's <c>/ipxe</c>; kernel and initrd come over HTTP from
/// <c>/assets</c>; the test installer boots with the machine's callback arguments and writes its disk.
/// DHCP is dnsmasq in the test's namespace until Fleetboot's own DHCP serves the lab.
/// </summary>
public sealed class BiosIpxeBootTests
{
    [Fact(Timeout = 20 * 60 * 1000)]
    public async Task SeaBiosIpxeVirtio_NetbootsTestInstallerOverHttp_WritesBootableDisk()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await LabRun.StartAsync(nameof(SeaBiosIpxeVirtio_NetbootsTestInstallerOverHttp_WritesBootableDisk), ct);
        var run = await InstallerRun.BootAsync(lab, "bios-virtio", LabFirmware.Bios, ct);

        // The ROM is iPXE: its DHCP carries user class iPXE and gets the chain script's URL straight away.
        run.Serial.ShouldContain("iPXE (PCI 00:03.0) starting execution", Case.Sensitive, run.Context);
        run.DhcpLog.ShouldContain("user class: iPXE", Case.Sensitive, run.DhcpLog);
        run.DhcpLog.ShouldContain($"bootfile-name  {run.Server}/boot.ipxe", Case.Sensitive, run.DhcpLog);
        await run.ShouldHaveInstalledAsync(ct);

        // Powered on again with the disk first, the VM runs what the installer wrote: no network boot, the disk's text.
        using (var again = lab.PowerOn(run.Vm with { DiskFirst = true }))
        {
            (await again.WaitForExitAsync(TimeSpan.FromMinutes(3), ct)).ShouldBeTrue($"the disk boot did not power off{run.Context}");
            var second = LabServer.ReadShared(run.Vm.SerialLogPath);
            second.ShouldContain(run.DiskText, Case.Sensitive, second);
            second.ShouldNotContain($"{run.Server}/ipxe", Case.Sensitive, second);
        }
        lab.Succeeded();
    }
}
