using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Macs;

/// <summary><c>fleetboot macs list</c></summary>
internal static class MacsListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "list reserved MAC addresses");
        CliRunner.SetAction(command, async (context, _, ct) => MacView.List(context.Output, await context.Client.ListMacReservationsAsync(ct)));
        return command;
    }
}
