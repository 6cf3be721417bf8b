using System.Diagnostics;

namespace Fleetboot.Cli.Lab;

/// <summary>
/// A long-running lab process (QEMU, dnsmasq, <c>fleetboot serve</c>) started in its own session with its
/// output in a log file, so that it outlives the command that started it; found again and stopped by its pid.
/// </summary>
public sealed class LabProcess : IDisposable
{
    private readonly Process? _process;

    private LabProcess(int pid, string name, string logPath, Process? process)
    {
        Pid = pid;
        Name = name;
        LogPath = logPath;
        _process = process;
    }

    public int Pid { get; }
    public string Name { get; }
    public string LogPath { get; }

    /// <summary>Starts <paramref name="args"/> detached (setsid), stdout and stderr to <paramref name="logPath"/>, pid to <paramref name="pidPath"/>.</summary>
    public static LabProcess Start(string name, IReadOnlyList<string> args, string logPath, string pidPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false };
        // setsid does not fork (the child of a .NET process is no group leader) and sh execs: the pid stays the command's.
        foreach (var a in new[] { "sh", "-c", "exec \"$@\" >>\"$0\" 2>&1 </dev/null", logPath }) info.ArgumentList.Add(a);
        foreach (var a in args) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new LabException($"could not start {name}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LabException($"could not start {name} ({args[0]}): {e.Message}", e);
        }
        File.WriteAllText(pidPath, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new LabProcess(process.Id, name, logPath, process);
    }

    /// <summary>The process whose pid is in <paramref name="pidPath"/>, if it still runs and its command line contains <paramref name="mustContain"/>.</summary>
    public static LabProcess? Find(string name, string pidPath, string logPath, string mustContain)
    {
        if (!File.Exists(pidPath) || !int.TryParse(File.ReadAllText(pidPath).Trim(), out var pid)) return null;
        return IsRunning(pid, mustContain) ? new LabProcess(pid, name, logPath, null) : null;
    }

    public bool HasExited => _process?.HasExited ?? !IsRunning(Pid, null);

    /// <summary>The exit code when this object started the process and it has ended.</summary>
    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>Waits for the process to end; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            if (_process is not null) await _process.WaitForExitAsync(limit.Token);
            else
                while (IsRunning(Pid, null)) await Task.Delay(200, limit.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>; waits (bounded) until it is gone. Idempotent.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (HasExited) return;
        Signal(Pid, "TERM");
        if (await WaitForExitAsync(grace, CancellationToken.None)) return;
        Signal(Pid, "KILL");
        await WaitForExitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
    }

    public void Dispose() => _process?.Dispose();

    internal static bool IsRunning(int pid, string? mustContain)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // A zombie (state Z after the command name) has ended; only its parent has not reaped it yet.
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            if (state is "Z" or "X") return false;
            if (mustContain is null) return true;
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return cmdline.Contains(mustContain, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    internal static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false, RedirectStandardError = true });
        kill?.WaitForExit(5000);
    }
}
