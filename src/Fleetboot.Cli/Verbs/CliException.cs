namespace Fleetboot.Cli.Verbs;

/// <summary>A failure to report as one line on stderr, with its exit code.</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
