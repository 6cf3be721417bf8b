using Fleetboot.Cli.Lab;

namespace Fleetboot.EndToEnd;

/// <summary>
/// Path 9 of the lab, a boot storm: <see cref="Vms"/> SeaBIOS + iPXE VMs powered on at once against one server (its own
/// DHCP, TFTP and HTTP) all install their profile and reach <c>installed</c>, each with an address of its own.
/// </summary>
public sealed class BootStormTests
{
    public const int Vms = 8;

    /// <summary>
    /// The smallest memory the test installer reliably boots in, by 8 MiB steps: with 64 MiB the cloud kernel stops after
    /// "Probing EDD", with 72 MiB one VM in eight ran out of memory unpacking the initramfs; 80 MiB passed 16 of 16.
    /// </summary>
    public const int VmMemoryMiB = 80;

    /// <summary>Eight TCG guests share the machine's cores, so each boot takes several times longer than alone.</summary>
    private static readonly TimeSpan StormTimeout = TimeSpan.FromMinutes(20);

    [Fact(Timeout = 30 * 60 * 1000)]
    public async Task EightSeaBiosIpxeVms_PoweredOnAtOnce_AllReachInstalled()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await LabRun.StartAsync(nameof(EightSeaBiosIpxeVms_PoweredOnAtOnce_AllReachInstalled), ct);
        var started = DateTime.UtcNow;
        var booted = new List<(QemuVmSpec Vm, LabProcess Process, Core.Machines.Machine Machine)>();
        for (var i = 1; i <= Vms; i++)
            booted.Add(await lab.BootAsync($"storm{i}", LabFirmware.Bios, LabNic.Virtio, ct, VmMemoryMiB));
        var runs = await Task.WhenAll(booted.Select(b => InstallerRun.PoweredOffAsync(lab, b.Vm, b.Process, b.Machine, StormTimeout, ct)));
        lab.Log.AppendLine($"{Vms} VMs powered off {(DateTime.UtcNow - started).TotalSeconds:0} s after the first power-on");

        foreach (var run in runs) await run.ShouldHaveInstalledAsync(ct);
        // Each VM installed with the address Fleetboot's DHCP leased to it, none shared.
        var leased = new List<string>();
        foreach (var run in runs)
        {
            var answers = await run.ShouldHaveAnsweredDhcpAsync($"{run.Server}/boot.ipxe", d => d.ContainsKey("yiaddr"), ct);
            leased.Add(answers.Last(e => e.Kind == "dhcp.ack").Data!["yiaddr"]);
        }
        leased.Distinct().Count().ShouldBe(Vms, $"addresses: {string.Join(", ", leased)}\n{lab.Log}");
        lab.Succeeded();
    }
}
