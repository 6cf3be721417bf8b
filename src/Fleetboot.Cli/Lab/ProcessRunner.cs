using System.Diagnostics;
using System.Text;

namespace Fleetboot.Cli.Lab;

/// <summary>The outcome of one finished command.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>Runs host tools (ip, qemu-img, apt-get, dpkg-deb) to completion with a time limit.</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout,
        CancellationToken ct, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["LC_ALL"] = "C";

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new LabException($"could not start {file}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LabException($"could not run {file}: {e.Message}", e);
        }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                ct.ThrowIfCancellationRequested();
                throw new LabException($"{Describe(file, info.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s");
            }
            return new ProcessResult(process.ExitCode, await stdout, await stderr);
        }
    }

    /// <summary>Runs a command that must succeed; a failure throws with the command and its error output.</summary>
    public static async Task<string> RunCheckedAsync(string file, IEnumerable<string> args, TimeSpan timeout,
        CancellationToken ct, string? workingDirectory = null)
    {
        var list = args.ToList();
        var result = await RunAsync(file, list, timeout, ct, workingDirectory);
        if (!result.Succeeded)
            throw new LabException($"{Describe(file, list)} failed (exit {result.ExitCode}): {FirstLines(result.StandardError + result.StandardOutput)}");
        return result.StandardOutput;
    }

    public static string Describe(string file, IEnumerable<string> args)
    {
        var text = new StringBuilder(file);
        foreach (var a in args) text.Append(' ').Append(a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a);
        return text.ToString();
    }

    private static string FirstLines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no output)" : string.Join(" | ", lines.Take(6));
    }
}
