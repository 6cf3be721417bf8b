using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Subnets;

/// <summary><c>fleetboot subnets list|show|add|update|remove</c></summary>
internal static class SubnetsCommand
{
    public static Command Create() => new("subnets", "manage DHCP subnets (the config file's are read-only here)")
    {
        SubnetsListCommand.Create(),
        SubnetsShowCommand.Create(),
        SubnetsAddCommand.Create(),
        SubnetsUpdateCommand.Create(),
        SubnetsRemoveCommand.Create(),
    };
}
