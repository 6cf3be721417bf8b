namespace Fleetboot.Cli.Lab;

/// <summary>Runs <c>fleetboot serve</c> inside the lab namespace, from this very build.</summary>
public static class LabServer
{
    /// <summary>The line <c>serve</c> prints once its listeners are bound.</summary>
    public const string ReadyLine = "fleetboot: HTTP on ";

    /// <summary>How to start this build's CLI: <c>dotnet Fleetboot.Cli.dll</c> beside this assembly.</summary>
    public static IReadOnlyList<string> CliCommand()
    {
        var dll = typeof(LabServer).Assembly.Location;
        if (string.IsNullOrEmpty(dll) || !File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
            throw new LabException($"cannot find this build's Fleetboot.Cli.dll with its runtimeconfig (looked at '{dll}')");
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        return [dotnet, dll];
    }

    /// <summary>
    /// Starts the server in the namespace, HTTP on <c>0.0.0.0:PORT</c> and TFTP on port 69 (it installs the loaders of the
    /// ipxe, shim-signed, grub-efi-amd64-signed and pxelinux packages into DATA/tftp); returns once it said it listens.
    /// </summary>
    public static async Task<LabProcess> StartAsync(LabNetwork network, LabLayout layout, int httpPort, IReadOnlyList<string> dhcpArgs,
        CancellationToken ct, IReadOnlyDictionary<string, string>? environment = null)
    {
        Directory.CreateDirectory(layout.Run);
        File.WriteAllText(layout.ServerLog, "");
        var command = new List<string>();
        if (environment is { Count: > 0 })
        {
            command.Add("env");
            command.AddRange(environment.Select(e => $"{e.Key}={e.Value}"));
        }
        command.AddRange(CliCommand());
        // The URL the VMs use, stated: GRUB 2.06 sends "Host: ADDR" without the port, so a base URL taken from the
        // Host header would lose it.
        command.AddRange(["serve", "--data", layout.Data, "--http", $"0.0.0.0:{httpPort}", "--tftp", "0.0.0.0:69",
            "--public-url", $"http://{network.ServerAddress}:{httpPort}"]);
        command.AddRange(dhcpArgs.Count > 0 ? dhcpArgs : ["--dhcp", "off"]);
        var process = LabProcess.Start("fleetboot serve", network.Exec([.. command]), layout.ServerLog, layout.ServerPid);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var log = ReadShared(layout.ServerLog);
            if (log.Contains(ReadyLine, StringComparison.Ordinal)) return process;
            if (process.HasExited)
                throw new LabException($"fleetboot serve stopped at start-up (log {layout.ServerLog}): {Tail(log)}");
            await Task.Delay(250, ct);
        }
        await process.StopAsync(TimeSpan.FromSeconds(5));
        throw new LabException($"fleetboot serve did not report listening within 90 s (log {layout.ServerLog}): {Tail(ReadShared(layout.ServerLog))}");
    }

    /// <summary>Reads a file another process is still writing.</summary>
    public static string ReadShared(string path)
    {
        if (!File.Exists(path)) return "";
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string Tail(string log) => string.Join(" | ", log.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(8));
}
