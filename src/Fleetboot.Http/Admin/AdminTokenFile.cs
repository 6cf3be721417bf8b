namespace Fleetboot.Http.Admin;

/// <summary>Reads the admin token file (serve creates it on first start).</summary>
public static class AdminTokenFile
{
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
