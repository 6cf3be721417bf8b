using System.Security.Cryptography;

namespace Fleetboot.Http.Admin;

/// <summary>Creates and reads the admin token file.</summary>
public static class AdminTokenFile
{
    /// <summary>Creates the token file (mode 0600, 32 random bytes as hex) when it does not exist.</summary>
    /// <returns>true when the file was created now.</returns>
    public static bool EnsureCreated(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (File.Exists(path)) return false;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
            writer.Write('\n');
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false; // created concurrently
        }
    }

    /// <returns>The token, or null when the file is missing or empty.</returns>
    public static string? TryRead(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }
}
