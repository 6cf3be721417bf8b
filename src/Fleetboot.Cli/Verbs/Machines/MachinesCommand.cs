using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary><c>fleetboot machines add|list|show|set|remove</c></summary>
internal static class MachinesCommand
{
    public static Command Create() => new("machines", "manage the machine registry")
    {
        MachinesAddCommand.Create(),
        MachinesListCommand.Create(),
        MachinesShowCommand.Create(),
        MachinesSetCommand.Create(),
        MachinesRemoveCommand.Create(),
    };
}
