using System.Diagnostics;

namespace Fleetboot.Tftp.Tests.Support;

internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
}

/// <summary>Runs the real Debian clients. A missing tool fails the test with the install command (never a silent pass).</summary>
internal static class ExternalTool
{
    public static string Require(string command, string package)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/usr/sbin").Split(':').Append("/usr/sbin").Append("/sbin"))
        {
            var candidate = Path.Join(dir, command);
            if (File.Exists(candidate)) return candidate;
        }
        Assert.Fail($"'{command}' is not installed: run `apt-get install {package}` (test.sh installs it when run as root)");
        return command;
    }

    public static void RequireRoot(string why)
    {
        if (Environment.UserName != "root" && !string.Equals(Environment.GetEnvironmentVariable("USER"), "root", StringComparison.Ordinal))
        {
            if (!File.Exists("/proc/self/status") || !File.ReadAllLines("/proc/self/status").Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0"))
                Assert.Fail($"this test needs root ({why}); run it through test.sh as root");
        }
    }

    public static async Task<ToolResult> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, string? standardInput = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null) await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}");
        }
        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }

    public static async Task RunCheckedAsync(string file, params string[] arguments)
    {
        var result = await RunAsync(file, arguments, TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0) Assert.Fail($"{file} {string.Join(' ', arguments)} failed: {result}");
    }
}
