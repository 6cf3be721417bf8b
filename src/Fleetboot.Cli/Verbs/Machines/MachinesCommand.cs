using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary><c>fleetboot machines add|list|show|set|remove|provision|reprovision|reset|retire|adopt|watch</c></summary>
internal static class MachinesCommand
{
    public static Command Create() => new("machines", "manage the machine registry")
    {
        MachinesAddCommand.Create(),
        MachinesListCommand.Create(),
        MachinesShowCommand.Create(),
        MachinesSetCommand.Create(),
        MachinesRemoveCommand.Create(),
        MachinesProvisionCommand.Create(),
        MachinesReprovisionCommand.Create(),
        MachinesResetCommand.Create(),
        MachinesRetireCommand.Create(),
        MachinesAdoptCommand.Create(),
        MachinesWatchCommand.Create(),
    };
}
