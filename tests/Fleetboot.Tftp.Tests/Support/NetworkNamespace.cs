using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Fleetboot.Tftp.Tests.Support;

/// <summary>
/// A network namespace this test creates (<c>ip netns add fbtest-tftp-…</c>), with its own loopback, removed on dispose.
/// <see cref="SocketFactory"/> creates the server's sockets inside it from a dedicated thread that entered it with setns(2).
/// </summary>
internal sealed class NetworkNamespace : IAsyncDisposable
{
    private const int CloneNewNet = 0x40000000;
    private readonly string _ip;
    private readonly Thread _thread;
    private readonly BlockingCollection<(AddressFamily Family, TaskCompletionSource<Socket> Result)> _requests = new();
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NetworkNamespace(string name, string ip)
    {
        Name = name;
        _ip = ip;
        _thread = new Thread(SocketThread) { IsBackground = true, Name = "netns " + name };
        _thread.Start();
    }

    public string Name { get; }

    public TftpSocketFactory SocketFactory => new InNamespaceSocketFactory(this);

    public static async Task<NetworkNamespace> CreateAsync()
    {
        ExternalTool.RequireRoot("it creates a network namespace with `ip netns add`");
        var ip = ExternalTool.Require("ip", "iproute2");
        ExternalTool.Require("tc", "iproute2");
        var name = $"fbtest-tftp-{Random.Shared.Next(0x1000000):x6}";
        await ExternalTool.RunCheckedAsync(ip, "netns", "add", name);
        var ns = new NetworkNamespace(name, ip);
        try
        {
            await ExternalTool.RunCheckedAsync(ip, "-n", name, "link", "set", "lo", "up");
            await ns._entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
            return ns;
        }
        catch
        {
            await ns.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a command inside the namespace (<c>ip netns exec</c>).</summary>
    public Task<ToolResult> ExecAsync(string command, IEnumerable<string> arguments, TimeSpan timeout, string? standardInput = null) =>
        ExternalTool.RunAsync(_ip, new[] { "netns", "exec", Name, command }.Concat(arguments), timeout, standardInput);

    public async Task ExecCheckedAsync(string command, params string[] arguments)
    {
        var result = await ExecAsync(command, arguments, TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0) Assert.Fail($"{command} {string.Join(' ', arguments)} in {Name} failed: {result}");
    }

    /// <summary>
    /// Drops <paramref name="percent"/>% of the packets on the namespace's loopback: <c>tc … netem loss</c>, or, on kernels
    /// built without sch_netem (this CI's Firecracker kernel), the same random loss with iptables' statistic match on INPUT
    /// (INPUT, not OUTPUT, so senders never see EPERM). Returns a description and a reader of the dropped-packet counter.
    /// </summary>
    public async Task<(string Mechanism, Func<Task<long>> DroppedPackets)> ApplyLossAsync(int percent)
    {
        var netem = await ExecAsync("tc", ["qdisc", "add", "dev", "lo", "root", "netem", "loss", $"{percent}%"], TimeSpan.FromSeconds(30));
        if (netem.ExitCode == 0)
        {
            return ($"tc netem loss {percent}%", async () =>
            {
                var stats = await ExecAsync("tc", ["-s", "qdisc", "show", "dev", "lo"], TimeSpan.FromSeconds(30));
                var match = System.Text.RegularExpressions.Regex.Match(stats.StandardOutput, @"dropped (\d+)");
                return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            });
        }
        if (!netem.StandardError.Contains("unknown", StringComparison.OrdinalIgnoreCase))
            Assert.Fail($"tc netem failed in {Name}: {netem}");
        var iptables = ExternalTool.Require("iptables-legacy", "iptables");
        var probability = (percent / 100.0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ExecCheckedAsync(iptables, "-A", "INPUT", "-i", "lo", "-p", "udp", "-m", "statistic", "--mode", "random", "--probability", probability, "-j", "DROP");
        return ($"iptables statistic random drop {percent}% (kernel has no sch_netem)", async () =>
        {
            var list = await ExecAsync(iptables, ["-L", "INPUT", "-v", "-n", "-x"], TimeSpan.FromSeconds(30));
            var line = list.StandardOutput.Split('\n').FirstOrDefault(l => l.Contains("DROP", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    private void SocketThread()
    {
        try
        {
            using var handle = File.OpenHandle($"/run/netns/{Name}", FileMode.Open, FileAccess.Read);
            if (NativeMethods.setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                throw new InvalidOperationException($"setns into {Name} failed: errno {Marshal.GetLastPInvokeError()}");
            _entered.TrySetResult();
        }
        catch (Exception ex)
        {
            _entered.TrySetException(ex);
            return;
        }
        foreach (var (family, result) in _requests.GetConsumingEnumerable())
        {
            try
            {
                result.TrySetResult(new Socket(family, SocketType.Dgram, ProtocolType.Udp));
            }
            catch (Exception ex)
            {
                result.TrySetException(ex);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _requests.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(5));
        _requests.Dispose();
        var result = await ExternalTool.RunAsync(_ip, ["netns", "del", Name], TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0) throw new InvalidOperationException($"could not remove network namespace {Name}: {result}");
    }

    private sealed class InNamespaceSocketFactory(NetworkNamespace ns) : TftpSocketFactory
    {
        public override Socket CreateUdp(AddressFamily family)
        {
            var result = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
            ns._requests.Add((family, result));
            return result.Task.WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int setns(int fd, int nstype);
    }
}
