using Fleetboot.Core.Secrets;

namespace Fleetboot.Cli.Serve;

/// <summary>The bearer token for the admin API: made once, on first start, readable by its owner only.</summary>
internal static class AdminToken
{
    public const string FileName = "admin.token";

    /// <returns>The token file's path, and whether this call created it.</returns>
    public static (string Path, bool Created) Ensure(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path)) return (path, false);
        var token = SecretToken.New(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
            writer.WriteLine(token);
        return (path, true);
    }
}
