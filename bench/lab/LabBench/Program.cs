using System.Diagnostics;
using System.Globalization;
using Fleetboot.Cli.Lab;
using Fleetboot.Cli.Lab.Installer;

// Lab path 1 (SeaBIOS + QEMU's iPXE ROM, virtio-net, the test installer) from QEMU's start to the installer's accepted
// "done" callback, against Fleetboot (serve --dhcp full: DHCP, TFTP, HTTP) and against dnsmasq (DHCP + TFTP) + nginx
// (the same boot.ipxe, machine script, kernel and initrd, callbacks answered 200), in alternating rounds. Each round has
// a fresh namespace and a fresh server (first request included), and removes both when done.
// Both sides' segment has an IPv6 router (the lab's, LabIpv6Router) unless "no-ipv6-router": iPXE's "Configuring" waits
// for DHCPv4 and for IPv6 autoconfiguration, about 16 s when no router answers.
// Usage: LabBench ROUNDS REPOSITORY-ROOT [no-ipv6-router]
var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var root = args.Length > 1 ? args[1] : Directory.GetCurrentDirectory();
var ipv6Router = !(args.Length > 2 && args[2] == "no-ipv6-router");
var cache = Path.Combine(root, ".lab", "cache");
var work = Directory.CreateTempSubdirectory("fleetboot-lab-bench-").FullName;
const string Mac = "02:fb:be:00:00:01";
const string Marker = "FLEETBOOT-INSTALLER: callback done ok";
var timeout = TimeSpan.FromMinutes(5);
(string Step, string Text)[] steps =
[
    ("iPXE ROM starts", "iPXE initialising devices"),
    ("DHCP starts", "Configuring (net0"),
    ("DHCP done", "Next server:"),
    ("boot.ipxe fetched", "boot.ipxe : "),
    ("kernel fetched", "vmlinuz... ok"),
    ("initrd fetched", "initrd.gz... ok"),
    ("installer starts", "FLEETBOOT-INSTALLER: start"),
    ("installer has a lease", "FLEETBOOT-INSTALLER: lease"),
    ("progress accepted", "FLEETBOOT-INSTALLER: callback progress ok"),
];
void Log(string line) => Console.Error.WriteLine($"bench: {line}");
using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10 + 4 * rounds));
var ct = cts.Token;

try
{
    var installer = await TestInstaller.BuildAsync(cache, Log, ct);
    var www = Path.Combine(work, "www");
    await RenderScriptsAsync(www);
    var fleetboot = new List<double>();
    var peer = new List<double>();
    for (var round = 1; round <= rounds; round++)
    {
        // Alternate which side goes first, so that a drift in the machine's load hits both alike.
        foreach (var side in round % 2 == 1 ? new[] { "fleetboot", "peer" } : ["peer", "fleetboot"])
        {
            var seconds = side == "fleetboot" ? await FleetbootRoundAsync(round) : await PeerRoundAsync(round);
            (side == "fleetboot" ? fleetboot : peer).Add(seconds);
            Log($"round {round} {side}: {seconds:0.00} s");
        }
    }
    Console.WriteLine("| round | Fleetboot (s) | dnsmasq + nginx (s) |");
    Console.WriteLine("| --- | --- | --- |");
    for (var i = 0; i < rounds; i++) Console.WriteLine($"| {i + 1} | {fleetboot[i]:0.00} | {peer[i]:0.00} |");
    var (fm, pm) = (Median(fleetboot), Median(peer));
    Console.WriteLine($"| median | {fm:0.00} | {pm:0.00} |");
    Console.WriteLine();
    Console.WriteLine($"ratio Fleetboot / dnsmasq+nginx (medians): {fm / pm:0.000}");
    return 0;
}
catch (Exception e) when (e is LabException or OperationCanceledException or TimeoutException)
{
    Log(e.Message);
    return 1;
}
finally
{
    try { Directory.Delete(work, recursive: true); } catch (IOException) { }
}

// The peer serves what Fleetboot renders for the same machine: take it from a Fleetboot lab once, before the rounds.
async Task RenderScriptsAsync(string www)
{
    var (network, layout) = Lab("render");
    try
    {
        var session = await LabSession.UpAsync(network, layout, 8080, LabDhcp.Fleetboot, hostLink: false, Log, ct);
        await using (var registry = await LabRegistry.OpenAsync(layout.Data, ct))
            await registry.EnsureMachineAsync("bench", Mac, "bios", LabRegistry.InstallerProfile, null, ct);
        Directory.CreateDirectory(Path.Combine(www, "assets", LabRegistry.InstallerAssets));
        foreach (var (path, file) in new[] { ("/boot.ipxe", "boot.ipxe"), ($"/ipxe?mac={Mac}", "ipxe") })
            await File.WriteAllTextAsync(Path.Combine(www, file),
                await network.InNamespaceAsync(ct, "curl", "-sf", $"{session.ServerUrl}{path}"), ct);
        foreach (var file in new[] { "vmlinuz", "initrd.gz" })
            File.Copy(Path.Combine(layout.Data, "assets", LabRegistry.InstallerAssets, file), Path.Combine(www, "assets", LabRegistry.InstallerAssets, file));
        var tftp = Path.Combine(work, "tftp");
        Directory.CreateDirectory(tftp);
        File.Copy(Path.Combine(layout.Data, "tftp", "undionly.kpxe"), Path.Combine(tftp, "undionly.kpxe"));
        Log($"peer files: {www} (boot.ipxe, ipxe, assets/{LabRegistry.InstallerAssets}/vmlinuz and initrd.gz), {tftp}/undionly.kpxe");
    }
    finally
    {
        await LabSession.DownAsync(network, layout, Log);
    }
}

async Task<double> FleetbootRoundAsync(int round)
{
    var (network, layout) = Lab($"fb{round}");
    try
    {
        var session = await LabSession.UpAsync(network, layout, 8080, LabDhcp.Fleetboot, hostLink: false, Log, ct, ipv6Router: ipv6Router);
        var (vm, qemu, _) = await session.BootAsync("bench", LabFirmware.Bios, LabNic.Virtio, Mac, ct);
        using (qemu) return await TimeToDoneAsync(vm, qemu, Stopwatch.StartNew());
    }
    finally
    {
        await LabSession.DownAsync(network, layout, Log);
    }
}

async Task<double> PeerRoundAsync(int round)
{
    var (network, layout) = Lab($"peer{round}");
    try
    {
        await network.CreateAsync(ct);
        Directory.CreateDirectory(layout.Run);
        var conf = Path.Combine(layout.Run, "nginx.conf");
        await File.WriteAllTextAsync(conf, $$"""
            user root;
            daemon off;
            worker_processes auto;
            pid {{layout.Run}}/nginx.pid;
            error_log {{layout.Run}}/nginx-error.log;
            events { worker_connections 1024; }
            http {
              access_log {{layout.Run}}/nginx-access.log;
              sendfile on;
              tcp_nopush on;
              server {
                listen {{network.ServerAddress}}:8080;
                root {{Path.Combine(work, "www")}};
                default_type application/octet-stream;
                location /api/ { return 200 "{}"; }
              }
            }
            """, ct);
        using (LabProcess.Start("nginx", network.Exec("nginx", "-c", conf), Path.Combine(layout.Run, "nginx.log"), Path.Combine(layout.Run, "nginx.pid.lab")))
        using (await LabDnsmasq.StartAsync(network, layout, 8080, ct, more:
        [
            // dnsmasq's own TFTP server for PXE ROMs that are not iPXE, the usual chainloading set-up.
            "--enable-tftp", $"--tftp-root={Path.Combine(work, "tftp")}",
            "--dhcp-match=set:bios,option:client-arch,0", $"--dhcp-boot=tag:!ipxe,tag:bios,undionly.kpxe,,{network.ServerAddress}",
        ]))
        {
            await WaitForHttpAsync(network);
            using var router = ipv6Router ? await LabIpv6Router.StartAsync(network, layout, ct) : null;
            var vm = new QemuVmSpec("bench", Mac, QemuLauncher.TapName("bench"), layout.VmDirectory("bench"));
            await network.AddTapAsync(vm.Tap, ct);
            var watch = Stopwatch.StartNew();
            using var qemu = QemuLauncher.Start(network, vm);
            return await TimeToDoneAsync(vm, qemu, watch);
        }
    }
    finally
    {
        await LabSession.DownAsync(network, layout, Log);
    }
}

async Task WaitForHttpAsync(LabNetwork network)
{
    for (var i = 0; i < 50; i++)
    {
        var probe = await ProcessRunner.RunAsync("ip", ["netns", "exec", network.Namespace, "curl", "-sf", "-o", "/dev/null",
            $"http://{network.ServerAddress}:8080/boot.ipxe"], TimeSpan.FromSeconds(5), ct);
        if (probe.Succeeded) return;
        await Task.Delay(100, ct);
    }
    throw new LabException("nginx did not answer within 5 s");
}

// Polls the serial console (every 50 ms, bounded) for the installer's accepted done callback; logs when each step
// first showed on the console, so that a difference between the two sides can be placed.
async Task<double> TimeToDoneAsync(QemuVmSpec vm, LabProcess qemu, Stopwatch watch)
{
    var seen = new List<string>();
    while (watch.Elapsed < timeout)
    {
        var serial = LabServer.ReadShared(vm.SerialLogPath);
        foreach (var (step, _) in steps.Where(s => !seen.Contains(s.Step) && serial.Contains(s.Text, StringComparison.Ordinal)))
        {
            seen.Add(step);
            Log($"  +{watch.Elapsed.TotalSeconds:0.00} s {step}");
        }
        if (serial.Contains(Marker, StringComparison.Ordinal))
        {
            var seconds = watch.Elapsed.TotalSeconds;
            await qemu.WaitForExitAsync(TimeSpan.FromSeconds(30), ct);
            return seconds;
        }
        if (qemu.HasExited) break;
        await Task.Delay(50, ct);
    }
    var tail = string.Join(" | ", LabServer.ReadShared(vm.SerialLogPath).Split('\n').TakeLast(5));
    throw new TimeoutException($"{vm.Name}: no \"{Marker}\" within {timeout.TotalMinutes} min ({(qemu.HasExited ? "QEMU ended" : "still running")}): {tail}");
}

(LabNetwork, LabLayout) Lab(string name) =>
    (LabNetwork.Default with { Namespace = $"fbbench-{name}-{Environment.ProcessId}" }, LabLayout.At(Path.Combine(work, name), cache));

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
