using System.Diagnostics;
using System.Text;

namespace Fleetboot.Testing;

/// <summary>
/// Network namespaces created by one test and removed when it ends, even on failure: a "lan" namespace with a bridge,
/// and one namespace per host, each joined to the bridge by a veth pair. Nothing touches the host's interfaces.
/// </summary>
public sealed class TestNetwork : IAsyncDisposable
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..6];
    private readonly List<string> _namespaces = [];
    private readonly List<Process> _processes = [];
    private readonly HashSet<string> _bridges = [];
    private int _links;

    public string TempDir { get; } = Directory.CreateTempSubdirectory("fleetboot-dhcp-").FullName;

    private TestNetwork()
    {
    }

    private string Lan => $"fbd{_id}-lan";

    /// <summary>Fails with a clear message when the test cannot run here (not root, no iproute2, no tool).</summary>
    public static void Require(params string[] tools)
    {
        if (Environment.UserName != "root" && !string.Equals(Environment.GetEnvironmentVariable("USER"), "root", StringComparison.Ordinal) && geteuidSafe() != 0)
            throw new InvalidOperationException("this test creates network namespaces and needs root (run ./test.sh as root)");
        foreach (var tool in tools.Prepend("ip"))
        {
            if (Which(tool) is null) throw new InvalidOperationException($"this test needs '{tool}' on PATH (./test.sh as root installs it)");
        }
    }

    private static uint geteuidSafe()
    {
        try { return uint.Parse(File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[2]); }
        catch (IOException) { return 1; }
    }

    public static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':').Concat(["/usr/sbin", "/sbin"])
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    public static async Task<TestNetwork> CreateAsync()
    {
        var net = new TestNetwork();
        try
        {
            await net.IpAsync("netns", "add", net.Lan);
            net._namespaces.Add(net.Lan);
            return net;
        }
        catch
        {
            await net.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds a host namespace joined to a bridge; its interface is named <c>eth0</c>. Returns the namespace name.</summary>
    public async Task<string> AddHostAsync(string role, string? cidr, string? mac = null, string bridge = "br0")
    {
        var ns = $"fbd{_id}-{role}";
        await IpAsync("netns", "add", ns);
        _namespaces.Add(ns);
        await IpAsync("-n", ns, "link", "set", "lo", "up");
        await AttachAsync(ns, "eth0", cidr, mac, bridge);
        return ns;
    }

    /// <summary>Adds interface <paramref name="ifname"/> in <paramref name="ns"/>, joined to <paramref name="bridge"/> (created if needed).</summary>
    public async Task AttachAsync(string ns, string ifname, string? cidr, string? mac = null, string bridge = "br0")
    {
        if (_bridges.Add(bridge))
        {
            await IpAsync("-n", Lan, "link", "add", bridge, "type", "bridge");
            await IpAsync("-n", Lan, "link", "set", bridge, "up");
        }
        var lanSide = $"v{_id}{++_links}";
        // The pair is created inside the namespaces: no interface ever appears in the host namespace.
        await IpAsync("-n", ns, "link", "add", ifname, "type", "veth", "peer", "name", lanSide, "netns", Lan);
        await IpAsync("-n", Lan, "link", "set", lanSide, "master", bridge);
        await IpAsync("-n", Lan, "link", "set", lanSide, "up");
        if (mac is not null) await IpAsync("-n", ns, "link", "set", ifname, "address", mac);
        if (cidr is not null) await IpAsync("-n", ns, "addr", "add", cidr, "dev", ifname);
        await IpAsync("-n", ns, "link", "set", ifname, "up");
    }

    /// <summary>Adds a tap device on a bridge for a QEMU guest; returns the namespace QEMU must run in.</summary>
    public async Task<string> AddTapAsync(string name, string bridge = "br0")
    {
        await IpAsync("-n", Lan, "tuntap", "add", name, "mode", "tap");
        await IpAsync("-n", Lan, "link", "set", name, "master", bridge);
        await IpAsync("-n", Lan, "link", "set", name, "up");
        return Lan;
    }

    public Task IpAsync(params string[] args) => RunAsync("ip", args);

    /// <summary>Runs a command to completion (bounded), failing with its output on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string file, string[] args, TimeSpan? timeout = null, bool check = true)
    {
        using var p = Start(file, args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout ?? TimeSpan.FromSeconds(20)}");
        }
        var output = await stdout + await stderr;
        if (check && p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {output}");
        return output;
    }

    /// <summary>Runs a command inside a namespace of this network.</summary>
    public Task<string> ExecAsync(string ns, TimeSpan timeout, bool check, params string[] command) =>
        RunAsync("ip", ["netns", "exec", ns, .. command], timeout, check);

    /// <summary>Starts a long-running command in a namespace; it is killed on dispose.</summary>
    public Process StartIn(string ns, params string[] command) => StartIn(ns, null, command).Process;

    /// <summary>Starts a long-running command; <c>Ready</c> completes when a line of its output contains <paramref name="readyText"/>.</summary>
    public (Process Process, Task Ready) StartIn(string ns, string? readyText, params string[] command)
    {
        var p = Start("ip", ["netns", "exec", ns, .. command]);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StringBuilder();
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (log) log.AppendLine(line);
            if (readyText is not null && line.Contains(readyText, StringComparison.Ordinal)) ready.TrySetResult();
        }
        p.OutputDataReceived += (_, e) => OnLine(e.Data);
        p.ErrorDataReceived += (_, e) => OnLine(e.Data);
        p.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"{command[0]} exited early:\n{log}"));
        p.EnableRaisingEvents = true;
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _processes.Add(p);
        if (readyText is null) ready.TrySetResult();
        return (p, ready.Task.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    private static Process Start(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
    }

    /// <summary>Runs busybox udhcpc once on <c>eth0</c> of <paramref name="ns"/>; the "bound" environment, or null and its output when it got no lease.</summary>
    public async Task<(Dictionary<string, string>? Env, string Output)> TryUdhcpcAsync(string ns, params string[] extra)
    {
        // One script per run: it names its own output file, and runs may overlap.
        var run = Guid.NewGuid().ToString("N");
        var script = Path.Combine(TempDir, $"udhcpc-{run}.sh");
        var outFile = Path.Combine(TempDir, $"udhcpc-{run}.env");
        await File.WriteAllTextAsync(script, $"#!/bin/sh\n[ \"$1\" = bound ] && env > {outFile}\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var output = await ExecAsync(ns, TimeSpan.FromSeconds(30), check: false,
            ["busybox", "udhcpc", "-i", "eth0", "-f", "-q", "-n", "-t", "6", "-T", "1", "-A", "1", "-s", script, "-O", "bootfile", .. extra]);
        if (!File.Exists(outFile)) return (null, output);
        return ((await File.ReadAllLinesAsync(outFile)).Where(l => l.Contains('=')).Select(l => l.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]), output);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _processes)
        {
            try
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
            {
            }
            p.Dispose();
        }
        // Any process still inside (dhclient that forked) goes with its namespace: kill them by the namespace's pid list.
        foreach (var ns in _namespaces)
        {
            try
            {
                var pids = await RunAsync("ip", ["netns", "pids", ns], check: false);
                foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (int.TryParse(pid, out var id))
                    {
                        try { using var proc = Process.GetProcessById(id); proc.Kill(); }
                        catch (ArgumentException) { }
                        catch (InvalidOperationException) { }
                    }
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
            }
        }
        foreach (var ns in Enumerable.Reverse(_namespaces))
        {
            try { await RunAsync("ip", ["netns", "del", ns], check: false); }
            catch (TimeoutException) { }
        }
        try { Directory.Delete(TempDir, recursive: true); }
        catch (IOException) { }
    }
}
