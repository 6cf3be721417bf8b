namespace Fleetboot.Cli.Verbs;

/// <summary>Process exit codes of the client verbs (documented in docs/cli.md).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int Unreachable = 3;
    public const int NotFound = 4;
    public const int Conflict = 5;
    public const int Unauthorized = 6;
    public const int Invalid = 7;
}
