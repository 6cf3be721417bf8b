using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary><c>fleetboot machines provision HOST</c>: install on its next network boot (registered → provisioning).</summary>
internal static class MachinesProvisionCommand
{
    public static Command Create() => MachinesTransition.Create("provision", "install on its next network boot (registered → provisioning)");
}
