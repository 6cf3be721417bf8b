using System.Globalization;
using System.Text;

namespace Fleetboot.Http.Boot;

/// <summary>Installers' uploaded logs, one file per upload: <c>LOGS/&lt;machine-id&gt;/&lt;utc-timestamp&gt;.log</c>.</summary>
internal static class InstallLogs
{
    private const string TimestampFormat = "yyyyMMdd'T'HHmmss'.'fff'Z'";

    /// <returns>The path the log was written to.</returns>
    public static async Task<string> SaveAsync(string logsDirectory, string machineId, DateTimeOffset now, string text, CancellationToken ct)
    {
        var directory = MachineDirectory(logsDirectory, machineId);
        Directory.CreateDirectory(directory);
        var stamp = now.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var attempt = 0; ; attempt++)
        {
            var path = Path.Combine(directory, attempt == 0 ? $"{stamp}.log" : $"{stamp}-{attempt}.log");
            try
            {
                await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true);
                await file.WriteAsync(bytes, ct);
                return path;
            }
            catch (IOException) when (File.Exists(path) && attempt < 100)
            {
                // Two uploads in the same millisecond: the second gets a suffix.
            }
        }
    }

    /// <returns>The newest log of the machine, or null when it has none.</returns>
    public static string? Latest(string? logsDirectory, string machineId)
    {
        if (logsDirectory is null) return null;
        var directory = MachineDirectory(logsDirectory, machineId);
        if (!Directory.Exists(directory)) return null;
        return Directory.EnumerateFiles(directory, "*.log")
            .OrderByDescending(f => File.GetLastWriteTimeUtc(f))
            .ThenByDescending(f => Path.GetFileName(f), StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static string MachineDirectory(string logsDirectory, string machineId)
    {
        // Machine ids are Fleetboot's own ("m-" and ten letters); refuse anything that could leave the folder.
        if (machineId.Length == 0 || Path.GetFileName(machineId) != machineId || machineId.StartsWith('.'))
            throw new ArgumentException($"'{machineId}' is not a machine id", nameof(machineId));
        return Path.Combine(logsDirectory, machineId);
    }
}
