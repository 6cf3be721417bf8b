using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Macs;

/// <summary><c>fleetboot macs allocate|reserve|release|list</c></summary>
internal static class MacsCommand
{
    public static Command Create() => new("macs", "allocate and reserve MAC addresses (for VMs that do not exist yet)")
    {
        MacsAllocateCommand.Create(),
        MacsReserveCommand.Create(),
        MacsReleaseCommand.Create(),
        MacsListCommand.Create(),
    };
}
