namespace Fleetboot.Cli.Verbs;

/// <summary>Reads a file named on the command line (<c>-</c> is stdin), reporting a missing file as a usage error.</summary>
internal static class FileArgument
{
    public static string Read(string path, string what)
    {
        if (path == "-") return Console.In.ReadToEnd();
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{what}: cannot read '{path}': {e.Message}", ExitCodes.Usage);
        }
    }
}
