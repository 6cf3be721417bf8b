using Fleetboot.Cli.Lab;

namespace Fleetboot.EndToEnd;

/// <summary>
/// Path 1 of the lab: SeaBIOS with QEMU's iPXE option ROM on virtio-net. DHCP (user class iPXE) gives
/// <c>/boot.ipxe</c>, which chains to the machine's <c>/ipxe</c>; kernel and initrd come over HTTP from
/// <c>/assets</c>; the test installer boots with the machine's callback arguments and writes its disk.
/// DHCP is Fleetboot's own (full mode on the test namespace's bridge). The same test shows path 8
/// (install once): the next network boot of the installed machine goes to its disk.
/// </summary>
public sealed class BiosIpxeBootTests
{
    [Fact(Timeout = 20 * 60 * 1000)]
    public async Task SeaBiosIpxeVirtio_InstallsOverHttp_ThenNextPowerOnBootsTheDisk()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await LabRun.StartAsync(nameof(SeaBiosIpxeVirtio_InstallsOverHttp_ThenNextPowerOnBootsTheDisk), ct);
        var run = await InstallerRun.BootAsync(lab, "bios-virtio", LabFirmware.Bios, ct);

        // The ROM is iPXE: its DHCP carries user class iPXE and gets the chain script's URL straight away.
        run.Serial.ShouldContain("iPXE (PCI 00:03.0) starting execution", Case.Sensitive, run.Context);
        // The segment's IPv6 router answered iPXE's autoconfiguration (without one, Configuring waits about 16 s for it).
        run.Serial.ShouldContain($"net0: {LabIpv6Router.Prefix}", Case.Sensitive, run.Context);
        var answers = await run.ShouldHaveAnsweredDhcpAsync($"{run.Server}/boot.ipxe", d => d.GetValueOrDefault("userClass")?.Split(',').Contains("iPXE") == true, ct);
        answers.ShouldContain(e => e.Kind == "dhcp.ack" && e.Data!.ContainsKey("yiaddr"), "Fleetboot's DHCP leased no address with the boot file");
        await run.ShouldHaveInstalledAsync(ct);

        // Install once (path 8): powered on again, the VM still boots from the network first, and Fleetboot sends the
        // installed machine to its disk: iPXE asks for /ipxe, gets "exit", SeaBIOS boots the disk the installer wrote.
        var before = await run.TimelineAsync(e => e.Kind == "callback.done", ct);
        using (var again = lab.PowerOn(run.Vm))
        {
            (await again.WaitForExitAsync(InstallerRun.BootTimeout, ct)).ShouldBeTrue($"the second power-on did not end{run.Context}");
            var second = LabServer.ReadShared(run.Vm.SerialLogPath);
            var shown = $"\n--- second power-on ---\n{second}";
            second.ShouldContain($"{run.Server}/ipxe", Case.Sensitive, shown);
            second.ShouldContain($"Fleetboot: {run.Machine.Hostname} is installed", Case.Sensitive, shown);
            second.ShouldContain(run.DiskText, Case.Sensitive, shown);
            second.ShouldNotContain("/assets/", Case.Sensitive, shown);
            second.ShouldNotContain("FLEETBOOT-INSTALLER", Case.Sensitive, shown);
            var lastBefore = before.Max(e => e.Id);
            var after = await run.TimelineAsync(e => e.Id > lastBefore && e.Kind == "http.ipxe", ct);
            var newer = after.Where(e => e.Id > lastBefore).ToList();
            newer.ShouldContain(e => e.Kind == "http.ipxe", shown);
            newer.ShouldNotContain(e => e.Kind == "http.asset", $"the installed machine fetched assets again: {string.Join("; ", newer.Select(e => e.Message))}");
        }
        lab.Succeeded();
    }
}
