using System.Diagnostics;

namespace Fleetboot.Cli.Tests;

/// <summary>Runs the real CLI (<c>dotnet Fleetboot.Cli.dll ...</c>) as a child process and captures what it prints.</summary>
public static class CliProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    /// <summary>The CLI assembly built next to the tests (a referenced executable comes with its runtimeconfig).</summary>
    public static string CliDll
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "Fleetboot.Cli.dll");
            if (!File.Exists(dll) || !File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
                throw new FileNotFoundException($"the CLI is not built next to the tests: {dll}");
            return dll;
        }
    }

    /// <param name="workingDirectory">Where the CLI runs (its default token file is ./data/admin.token there); a fresh empty directory when null.</param>
    /// <param name="environment">Extra environment; FLEETBOOT_* variables of the test run are never inherited.</param>
    public static async Task<Result> RunAsync(IEnumerable<string> args, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var cwd = workingDirectory ?? Directory.CreateTempSubdirectory("fleetboot-cli-cwd-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = cwd,
        };
        start.ArgumentList.Add(CliDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("FLEETBOOT_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the CLI did not finish within {Timeout.TotalSeconds} s: {string.Join(' ', args)}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
