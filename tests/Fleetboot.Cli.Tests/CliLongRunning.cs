using System.Diagnostics;
using System.Text;

namespace Fleetboot.Cli.Tests;

/// <summary>A CLI process that keeps running (follow, watch): its stdout is read as it comes, then it is stopped.</summary>
public sealed class CliLongRunning : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _changed = new(0);

    private CliLongRunning(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Stdout { get { lock (_gate) return _stdout.ToString(); } }
    public string Stderr { get { lock (_gate) return _stderr.ToString(); } }
    public int Id => _process.Id;

    public static CliLongRunning Start(IEnumerable<string> args)
    {
        // Through env --default-signal: a runner that starts the suite in the background (job control off) makes SIGINT
        // ignored, the child inherits that, and Ctrl-C (InterruptAsync) would never reach the CLI.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Directory.CreateTempSubdirectory("fleetboot-cli-cwd-").FullName,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(CliProcess.CliDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("FLEETBOOT_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return new CliLongRunning(Process.Start(start) ?? throw new InvalidOperationException("could not start env dotnet"));
    }

    /// <summary>Waits until stdout holds a line matching <paramref name="match"/>, which it returns.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var line = Stdout.Split('\n').FirstOrDefault(match);
            if (line is not null) return line;
            if (_process.HasExited) throw new ShouldAssertException($"the CLI exited ({_process.ExitCode}) before {what}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}");
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"no {what} within {timeoutSeconds} s\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}");
            await _changed.WaitAsync(left < TimeSpan.FromMilliseconds(250) ? left : TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>Sends SIGINT (what Ctrl-C sends) and waits for the exit code.</summary>
    public async Task<int> InterruptAsync(int timeoutSeconds = 15)
    {
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null) return;
        lock (_gate) buffer.Append(line).Append('\n');
        _changed.Release();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _changed.Dispose();
    }
}
