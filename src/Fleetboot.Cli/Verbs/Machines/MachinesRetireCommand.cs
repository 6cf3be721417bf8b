using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary><c>fleetboot machines retire HOST</c>: take out of service: it boots nothing from the network (→ retired).</summary>
internal static class MachinesRetireCommand
{
    public static Command Create() => MachinesTransition.Create("retire", "take out of service: it boots nothing from the network (→ retired)");
}
