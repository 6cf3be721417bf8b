using System.Text;
using System.Text.RegularExpressions;
using Fleetboot.Cli.Lab;
using Fleetboot.Cli.Lab.Installer;

namespace Fleetboot.EndToEnd;

/// <summary>
/// Path 1 of the lab: SeaBIOS with QEMU's iPXE option ROM on virtio-net. DHCP (user class iPXE) gives
/// <c>/boot.ipxe</c>, which chains to the machine's <c>/ipxe</c>; kernel and initrd come over HTTP from
/// <c>/assets</c>; the test installer boots with the machine's callback arguments and writes its disk.
/// DHCP is dnsmasq in the test's namespace until Fleetboot's own DHCP serves the lab.
/// </summary>
public sealed class BiosIpxeBootTests
{
    private static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(10);

    [Fact(Timeout = 20 * 60 * 1000)]
    public async Task SeaBiosIpxeVirtio_NetbootsTestInstallerOverHttp_WritesBootableDisk()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var run = await LabRun.StartAsync(nameof(SeaBiosIpxeVirtio_NetbootsTestInstallerOverHttp_WritesBootableDisk), ct);
        var (vm, qemu, machine) = await run.BootAsync("bios-virtio", LabFirmware.Bios, LabNic.Virtio, ct);
        var server = run.Session.ServerUrl;

        var ended = await qemu.WaitForExitAsync(BootTimeout, ct);
        var serial = LabServer.ReadShared(vm.SerialLogPath);
        var context = $"\n--- serial console tail ({vm.SerialLogPath}) ---\n{Tail(serial, 40)}\n--- harness ---\n{run.Log}";
        ended.ShouldBeTrue($"the VM did not power off within {BootTimeout.TotalMinutes} min{context}");
        serial.ShouldNotContain(LabFollower.FailedMarker, Case.Sensitive, context);

        // Firmware side, as iPXE printed it: the DHCP boot file by user class, the chain, the machine's script, kernel and initrd.
        serial.ShouldContain($"Filename: {server}/boot.ipxe", Case.Sensitive, context);
        ShouldHaveFetched(serial, $"{server}/boot.ipxe", context);
        ShouldHaveFetched(serial, $"{server}/ipxe", context);
        ShouldHaveFetched(serial, $"{server}/assets/{LabRegistry.InstallerAssets}/vmlinuz", context);
        ShouldHaveFetched(serial, $"{server}/assets/{LabRegistry.InstallerAssets}/initrd.gz", context);

        // The kernel got the machine's own rendered command line, and the installer ran with it.
        serial.ShouldContain($"fleetboot.server={server} fleetboot.mac={machine.PrimaryMac} fleetboot.token={machine.Token}", Case.Sensitive, context);
        serial.ShouldContain($"FLEETBOOT-INSTALLER: start kernel={run.Session.Installer!.KernelRelease} server={server} mac={machine.PrimaryMac} token=set", Case.Sensitive, context);
        serial.ShouldContain($"FLEETBOOT-INSTALLER: lease {run.Session.Network.SubnetPrefix}.", Case.Sensitive, context);
        serial.ShouldContain(LabFollower.DiskWrittenMarker, Case.Sensitive, context);
        // The done callback reached the server (accepted or not: the callback API is the lifecycle issue's).
        var doneCallback = serial.Split('\n').FirstOrDefault(l => l.Contains("FLEETBOOT-INSTALLER: callback done", StringComparison.Ordinal));
        doneCallback.ShouldNotBeNull($"the installer made no done callback{context}");
        doneCallback.ShouldNotContain("can't connect", Case.Sensitive, context);
        serial.ShouldContain("FLEETBOOT-INSTALLER: powering off", Case.Sensitive, context);

        // The disk holds the installer's boot sector and text.
        var sector = new byte[512];
        await using (var file = File.OpenRead(vm.DiskPath)) await file.ReadExactlyAsync(sector, ct);
        var diskText = $"{DiskBootSector.MessagePrefix} installed by the Fleetboot lab test installer mac={machine.PrimaryMac} server={server}";
        (sector[510], sector[511]).ShouldBe(((byte)0x55, (byte)0xAA), "the disk has no boot signature");
        Encoding.ASCII.GetString(sector, DiskBootSector.MessageOffset, diskText.Length).ShouldBe(diskText, context);

        // Server side: dnsmasq answered the iPXE user class with the boot URL; the machine's timeline has its script
        // served and both asset fetches.
        var dhcp = LabServer.ReadShared(run.Layout.DnsmasqLog);
        dhcp.ShouldContain($"DHCPACK({run.Session.Network.Bridge})", Case.Sensitive, dhcp);
        dhcp.ShouldContain($"bootfile-name  {server}/boot.ipxe", Case.Sensitive, dhcp);
        await using (var registry = await LabRegistry.OpenAsync(run.Layout.Data, ct))
        {
            var kernelPath = $"/assets/{LabRegistry.InstallerAssets}/vmlinuz";
            var initrdPath = $"/assets/{LabRegistry.InstallerAssets}/initrd.gz";
            var timeline = await WaitForTimelineAsync(registry, machine.Id, e => e.Kind == "http.asset" && e.Message.Contains(initrdPath, StringComparison.Ordinal), ct);
            var shown = $"\n--- timeline ---\n{string.Join("\n", timeline.Select(e => $"{e.Kind} {e.Outcome} {e.Message}"))}{context}";
            timeline.ShouldContain(e => e.Kind == "http.ipxe" && e.Outcome == "ok" && e.Mac == machine.PrimaryMac.ToString(), shown);
            timeline.ShouldContain(e => e.Kind == "http.asset" && e.Outcome == "ok" && e.Message.Contains(kernelPath, StringComparison.Ordinal), shown);
            timeline.ShouldContain(e => e.Kind == "http.asset" && e.Outcome == "ok" && e.Message.Contains(initrdPath, StringComparison.Ordinal), shown);
        }

        // Powered on again with the disk first, the VM runs what the installer wrote: no network boot, the disk's text.
        using (var again = run.PowerOn(vm with { DiskFirst = true }))
        {
            (await again.WaitForExitAsync(TimeSpan.FromMinutes(3), ct)).ShouldBeTrue($"the disk boot did not power off{context}");
            var second = LabServer.ReadShared(vm.SerialLogPath);
            second.ShouldContain(diskText, Case.Sensitive, second);
            second.ShouldNotContain($"{server}/ipxe", Case.Sensitive, second);
        }
        run.Succeeded();
    }

    /// <summary>The boot event writer stores in batches: wait (bounded) for the event to be durable.</summary>
    private static async Task<IReadOnlyList<Core.Events.BootEvent>> WaitForTimelineAsync(LabRegistry registry, string machineId,
        Func<Core.Events.BootEvent, bool> wanted, CancellationToken ct)
    {
        IReadOnlyList<Core.Events.BootEvent> events = [];
        for (var i = 0; i < 50; i++)
        {
            events = await registry.TimelineAsync(machineId, 100, ct);
            if (events.Any(wanted)) break;
            await Task.Delay(200, ct);
        }
        return events;
    }

    /// <summary>iPXE prints <c>URL... ok</c> for each download, with progress (dots, percentages, backspaces) between.</summary>
    private static void ShouldHaveFetched(string serial, string url, string context) =>
        Regex.IsMatch(serial, Regex.Escape(url) + @"\.\.\.[^\n]*\bok\b").ShouldBeTrue($"iPXE did not report fetching {url}{context}");

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));
}
