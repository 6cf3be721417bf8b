using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary><c>fleetboot machines reset HOST</c>: forget any pending or finished install (→ registered).</summary>
internal static class MachinesResetCommand
{
    public static Command Create() => MachinesTransition.Create("reset", "forget any pending or finished install (→ registered)");
}
