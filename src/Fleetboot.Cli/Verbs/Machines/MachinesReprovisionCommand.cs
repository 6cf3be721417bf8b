using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary><c>fleetboot machines reprovision HOST</c>: install again, after a finished or failed install or to restart one (→ provisioning).</summary>
internal static class MachinesReprovisionCommand
{
    public static Command Create() => MachinesTransition.Create("reprovision", "install again, after a finished or failed install or to restart one (→ provisioning)");
}
