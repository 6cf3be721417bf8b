using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Groups;

/// <summary><c>fleetboot groups list</c></summary>
internal static class GroupsListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "list groups");
        CliRunner.SetAction(command, async (context, _, ct) => GroupView.List(context.Output, await context.Client.ListGroupsAsync(ct)));
        return command;
    }
}
