using System.Text;
using System.Text.RegularExpressions;
using Fleetboot.Cli.Lab;
using Fleetboot.Cli.Lab.Installer;
using Fleetboot.Core.Events;
using Fleetboot.Core.Machines;

namespace Fleetboot.EndToEnd;

/// <summary>
/// One VM's network boot of the test installer, waited for and checked the same way on every path: iPXE's fetches,
/// the rendered kernel command line, the installer's steps, the disk, and the machine's timeline.
/// </summary>
public sealed partial class InstallerRun
{
    public static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(10);

    private InstallerRun(LabRun lab, QemuVmSpec vm, Machine machine, string serial)
    {
        Lab = lab;
        Vm = vm;
        Machine = machine;
        Serial = CursorMoves().Replace(serial, "");
    }

    public LabRun Lab { get; }
    public QemuVmSpec Vm { get; }
    public Machine Machine { get; }

    /// <summary>
    /// The serial console of the whole boot, without the cursor moves (<c>ESC[row;colH</c>) that SeaBIOS's serial console
    /// writes wherever it is, even in the middle of a loader's <c>Loading …vmlinuz... ok</c>.
    /// </summary>
    public string Serial { get; }

    public string Server => Lab.Session.ServerUrl;

    /// <summary>What a failure message shows: the end of the console and the harness log.</summary>
    public string Context => $"\n--- serial console tail ({Vm.SerialLogPath}) ---\n{Tail(Serial, 40)}\n--- harness ---\n{Lab.Log}";

    public string DiskText => $"{DiskBootSector.MessagePrefix} installed by the Fleetboot lab test installer mac={Machine.PrimaryMac} server={Server}";

    /// <summary>Boots a VM and waits until it powers off; fails when it does not within <see cref="BootTimeout"/>.</summary>
    public static async Task<InstallerRun> BootAsync(LabRun lab, string name, LabFirmware firmware, CancellationToken ct)
    {
        var (vm, qemu, machine) = await lab.BootAsync(name, firmware, LabNic.Virtio, ct);
        return await PoweredOffAsync(lab, vm, qemu, machine, BootTimeout, ct);
    }

    /// <summary>Waits until a booted VM powers off; fails when it does not within <paramref name="timeout"/>.</summary>
    public static async Task<InstallerRun> PoweredOffAsync(LabRun lab, QemuVmSpec vm, LabProcess qemu, Machine machine, TimeSpan timeout, CancellationToken ct)
    {
        var ended = await qemu.WaitForExitAsync(timeout, ct);
        var run = new InstallerRun(lab, vm, machine, LabServer.ReadShared(vm.SerialLogPath));
        ended.ShouldBeTrue($"{vm.Name} did not power off within {timeout.TotalMinutes} min{run.Context}");
        return run;
    }

    /// <summary>iPXE printed <c>URL... ok</c> (with progress dots, percentages or backspaces between).</summary>
    public void ShouldHaveFetched(string url) =>
        Regex.IsMatch(Serial, Regex.Escape(url) + @"\.\.\.[^\n]*\bok\b").ShouldBeTrue($"iPXE did not report fetching {url}{Context}");

    /// <summary>The part every iPXE path shares: chain, script, kernel and initrd over HTTP, then the installer.</summary>
    public async Task ShouldHaveInstalledAsync(CancellationToken ct)
    {
        Serial.ShouldContain($"Filename: {Server}/boot.ipxe", Case.Sensitive, Context);
        ShouldHaveFetched($"{Server}/boot.ipxe");
        ShouldHaveFetched($"{Server}/ipxe");
        ShouldHaveFetched($"{Server}/assets/{LabRegistry.InstallerAssets}/vmlinuz");
        ShouldHaveFetched($"{Server}/assets/{LabRegistry.InstallerAssets}/initrd.gz");
        // EFI kernels find the initrd iPXE loaded by its name.
        Serial.ShouldContain($"initrd=initrd.gz fleetboot.server={Server}", Case.Sensitive, Context);

        var timeline = await ShouldHaveRunInstallerAsync(e => e.Kind == "http.asset" && e.Message.Contains(InitrdPath, StringComparison.Ordinal), ct);
        var shown = Shown(timeline);
        timeline.ShouldContain(e => e.Kind == "http.ipxe" && e.Outcome == "ok" && e.Mac == Machine.PrimaryMac.ToString(), shown);
        timeline.ShouldContain(e => e.Kind == "http.asset" && e.Outcome == "ok" && e.Message.Contains(KernelPath, StringComparison.Ordinal), shown);
        timeline.ShouldContain(e => e.Kind == "http.asset" && e.Outcome == "ok" && e.Message.Contains(InitrdPath, StringComparison.Ordinal), shown);
    }

    public static string KernelPath => $"/assets/{LabRegistry.InstallerAssets}/vmlinuz";
    public static string InitrdPath => $"/assets/{LabRegistry.InstallerAssets}/initrd.gz";

    /// <summary>
    /// What every path shares once the kernel runs: the machine's rendered command line, the installer's steps and
    /// callbacks, the disk, and the machine installed. Returns the machine's timeline once <paramref name="fetched"/> is on it.
    /// </summary>
    public async Task<IReadOnlyList<BootEvent>> ShouldHaveRunInstallerAsync(Func<BootEvent, bool> fetched, CancellationToken ct)
    {
        Serial.ShouldNotContain(LabFollower.FailedMarker, Case.Sensitive, Context);
        // The kernel got the machine's own rendered command line, and the installer ran with it.
        Serial.ShouldContain($"fleetboot.server={Server} fleetboot.mac={Machine.PrimaryMac} fleetboot.token={Machine.Token}", Case.Sensitive, Context);
        Serial.ShouldContain($"FLEETBOOT-INSTALLER: start kernel={Lab.Session.Installer!.KernelRelease} server={Server} mac={Machine.PrimaryMac} token=set", Case.Sensitive, Context);
        Serial.ShouldContain($"FLEETBOOT-INSTALLER: lease {Lab.Session.Network.SubnetPrefix}.", Case.Sensitive, Context);
        Serial.ShouldContain(LabFollower.DiskWrittenMarker, Case.Sensitive, Context);
        // The installer's callbacks were accepted with the machine's token.
        Serial.ShouldContain("FLEETBOOT-INSTALLER: callback progress ok", Case.Sensitive, Context);
        Serial.ShouldContain("FLEETBOOT-INSTALLER: callback done ok", Case.Sensitive, Context);
        Serial.ShouldContain(LabFollower.DoneMarker, Case.Sensitive, Context);
        Serial.ShouldContain("FLEETBOOT-INSTALLER: powering off", Case.Sensitive, Context);

        // The disk holds the installer's boot sector and text.
        var sector = new byte[512];
        await using (var file = File.OpenRead(Vm.DiskPath)) await file.ReadExactlyAsync(sector, ct);
        (sector[510], sector[511]).ShouldBe(((byte)0x55, (byte)0xAA), $"the disk has no boot signature{Context}");
        Encoding.ASCII.GetString(sector, DiskBootSector.MessageOffset, DiskText.Length).ShouldBe(DiskText, Context);

        // Server side: the callback is on the machine's timeline and the machine is installed.
        await using var registry = await LabRegistry.OpenAsync(Lab.Layout.Data, ct);
        await WaitForTimelineAsync(registry, e => e.Kind == "callback.done", ct);
        var timeline = await WaitForTimelineAsync(registry, fetched, ct);
        var shown = Shown(timeline);
        timeline.ShouldContain(e => e.Kind == "callback.done" && e.Outcome == "ok", shown);
        var machine = await registry.FindMachineAsync(Machine.Id, ct);
        machine.ShouldNotBeNull();
        machine.State.ShouldBe(MachineState.Installed, shown);
        return timeline;
    }

    /// <summary>A timeline (or any events) and the console, for a failure message.</summary>
    public string Shown(IEnumerable<BootEvent> events) =>
        $"\n--- events ---\n{string.Join("\n", events.Select(e => $"{e.Kind} {e.Outcome} {e.Source} {e.Message}"))}{Context}";

    /// <summary>Every event the server stored (the lab's runs are small).</summary>
    public async Task<IReadOnlyList<BootEvent>> AllEventsAsync(CancellationToken ct)
    {
        await using var registry = await LabRegistry.OpenAsync(Lab.Layout.Data, ct);
        var all = new List<BootEvent>();
        for (var page = 0; page < 100; page++)
        {
            var events = await registry.EventsAfterAsync(all.Count == 0 ? 0 : all[^1].Id, 500, ct);
            all.AddRange(events);
            if (events.Count < 500) break;
        }
        return all;
    }

    /// <summary>The machine's timeline now (waiting, bounded, until <paramref name="wanted"/> is on it).</summary>
    public async Task<IReadOnlyList<BootEvent>> TimelineAsync(Func<BootEvent, bool> wanted, CancellationToken ct)
    {
        await using var registry = await LabRegistry.OpenAsync(Lab.Layout.Data, ct);
        return await WaitForTimelineAsync(registry, wanted, ct);
    }

    /// <summary>
    /// Fleetboot's DHCP answered this machine with <paramref name="bootFile"/> (an OFFER or ACK on its timeline), to a
    /// request that <paramref name="fromClient"/> recognises by what the client sent (user class, arch, vendor class).
    /// </summary>
    /// <returns>The answers with that boot file.</returns>
    public async Task<IReadOnlyList<BootEvent>> ShouldHaveAnsweredDhcpAsync(string bootFile, Func<IReadOnlyDictionary<string, string>, bool> fromClient,
        CancellationToken ct)
    {
        static bool IsAnswer(BootEvent e, string file) =>
            e.Kind is "dhcp.offer" or "dhcp.ack" && e.Outcome == "ok" && e.Data != null && e.Data.GetValueOrDefault("filename") == file;
        var events = await TimelineAsync(e => IsAnswer(e, bootFile), ct);
        var answers = events.Where(e => IsAnswer(e, bootFile) && fromClient(e.Data!)).ToList();
        answers.ShouldNotBeEmpty($"Fleetboot's DHCP did not answer with {bootFile}:\n"
            + string.Join("\n", events.Where(e => e.Kind.StartsWith("dhcp.", StringComparison.Ordinal))
                .Select(e => $"{e.Kind} {e.Outcome} {string.Join(' ', (e.Data ?? new Dictionary<string, string>()).Select(d => $"{d.Key}={d.Value}"))}")) + Context);
        return answers;
    }

    /// <summary>The boot event writer stores in batches: wait (bounded) for the event to be durable.</summary>
    private async Task<IReadOnlyList<BootEvent>> WaitForTimelineAsync(LabRegistry registry, Func<BootEvent, bool> wanted, CancellationToken ct)
    {
        IReadOnlyList<BootEvent> events = [];
        for (var i = 0; i < 50; i++)
        {
            events = await registry.TimelineAsync(Machine.Id, 200, ct);
            if (events.Any(wanted)) break;
            await Task.Delay(200, ct);
        }
        return events;
    }

    [GeneratedRegex(@"\x1b\[\d+;\d+H")]
    private static partial Regex CursorMoves();

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));
}
