using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Subnets;

/// <summary><c>fleetboot subnets list</c></summary>
internal static class SubnetsListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "list DHCP subnets");
        CliRunner.SetAction(command, async (context, _, ct) => SubnetView.List(context.Output, await context.Client.ListSubnetsAsync(ct)));
        return command;
    }
}
