using System.Text;
using Fleetboot.Cli.Lab;

namespace Fleetboot.EndToEnd;

/// <summary>
/// One test's lab: a network namespace of its own (unique name, removed on dispose even when the test failed),
/// fleetboot serve inside it (with its own DHCP unless the test asks for dnsmasq) and the segment's IPv6 router, files in a temporary
/// directory. On failure the serial consoles, the server, DHCP and router logs and the timelines are kept under <c>artifacts/e2e/</c>.
/// </summary>
public sealed class LabRun : IAsyncDisposable
{
    private readonly List<QemuVmSpec> _vms = [];
    private readonly List<LabProcess> _processes = [];
    private readonly string _testName;
    private bool _succeeded;

    private LabRun(LabSession session, string testName)
    {
        Session = session;
        _testName = testName;
    }

    public LabSession Session { get; }
    public LabLayout Layout => Session.Layout;

    /// <summary>Everything this test run said, for the failure message.</summary>
    public StringBuilder Log { get; } = new();

    /// <param name="dhcp">Who answers DHCP: Fleetboot's own full mode unless a test asks for dnsmasq or proxyDHCP.</param>
    public static async Task<LabRun> StartAsync(string testName, CancellationToken ct, LabDhcp dhcp = LabDhcp.Fleetboot)
    {
        var problems = LabPrerequisites.Check(needDnsmasq: dhcp != LabDhcp.Fleetboot, [LabFirmware.Bios]);
        if (problems.Count > 0)
            Assert.Fail($"end-to-end test {testName} cannot run here (test.sh installs the packages when run as root):\n  " + string.Join("\n  ", problems));

        var root = RepositoryRoot();
        var id = Guid.NewGuid().ToString("N")[..8];
        var layout = LabLayout.At(Path.Combine(Path.GetTempPath(), $"fleetboot-e2e-{id}"), Path.Combine(root, ".lab", "cache"));
        var network = LabNetwork.Default with { Namespace = $"fbe2e-{id}" };
        var log = new StringBuilder();
        var session = await LabSession.UpAsync(network, layout, 8080, dhcp, hostLink: false,
            line => { lock (log) log.AppendLine(line); }, ct);
        var run = new LabRun(session, testName);
        run.Log.Append(log);
        return run;
    }

    public async Task<(QemuVmSpec Vm, LabProcess Process, Core.Machines.Machine Machine)> BootAsync(string name, LabFirmware firmware, LabNic nic, CancellationToken ct,
        int memoryMiB = QemuVmSpec.DefaultMemoryMiB)
    {
        var booted = await Session.BootAsync(name, firmware, nic, null, ct, memoryMiB);
        _vms.Add(booted.Vm);
        _processes.Add(booted.Process);
        Log.AppendLine($"booted {name}: {LabNames.Of(firmware)} {booted.Vm.Mac}, machine {booted.Machine.Id}");
        return booted;
    }

    /// <summary>Powers the VM on again (the same disk and tap), for instance booting its disk first.</summary>
    public LabProcess PowerOn(QemuVmSpec vm)
    {
        var process = QemuLauncher.Start(Session.Network, vm);
        _processes.Add(process);
        Log.AppendLine($"powered on {vm.Name} again{(vm.DiskFirst ? ", disk first" : "")}");
        return process;
    }

    /// <summary>Call at the end of a test that passed: its files are then removed instead of kept.</summary>
    public void Succeeded() => _succeeded = true;

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _processes) p.Dispose();
        try
        {
            await LabSession.DownAsync(Session.Network, Layout, line => Log.AppendLine(line));
        }
        finally
        {
            if (_succeeded) TryDelete(Layout.Root);
            else await KeepArtifactsAsync();
        }
    }

    /// <summary>The serial console, server and DHCP logs of a failed run, where CI keeps them.</summary>
    private async Task KeepArtifactsAsync()
    {
        var target = Path.Combine(RepositoryRoot(), "artifacts", "e2e", $"{_testName}-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(target);
        foreach (var file in new[] { Layout.ServerLog, Layout.DnsmasqLog, Layout.Ipv6RouterLog })
            if (File.Exists(file)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        foreach (var vm in _vms.Where(v => Directory.Exists(v.Directory)))
            foreach (var file in Directory.GetFiles(vm.Directory, "*.log*"))
                File.Copy(file, Path.Combine(target, $"{vm.Name}-{Path.GetFileName(file)}"), overwrite: true);
        try
        {
            var timeline = new StringBuilder();
            await using var registry = await LabRegistry.OpenAsync(Layout.Data, CancellationToken.None);
            foreach (var machine in await registry.LabMachinesAsync(CancellationToken.None))
            {
                timeline.AppendLine($"{machine.Hostname} {machine.PrimaryMac} {machine.Id} state {Core.Machines.MachineNames.Of(machine.State)}");
                foreach (var e in await registry.TimelineAsync(machine.Id, 500, CancellationToken.None))
                    timeline.AppendLine($"  {e.Time:O} {e.Kind} {e.Outcome} {e.Source}: {e.Message}");
            }
            await File.WriteAllTextAsync(Path.Combine(target, "timeline.txt"), timeline.ToString());
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            Log.AppendLine($"could not read the timeline: {e.Message}");
        }
        await File.WriteAllTextAsync(Path.Combine(target, "harness.log"), Log.ToString());
        Log.AppendLine($"artifacts kept in {target} (lab files in {Layout.Root})");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Fleetboot.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"no Fleetboot.slnx above {AppContext.BaseDirectory}");
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
