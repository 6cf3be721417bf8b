using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Groups;

/// <summary><c>fleetboot groups show ID</c></summary>
internal static class GroupsShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "group id" };
        var command = new Command("show", "show one group");
        command.Arguments.Add(id);
        CliRunner.SetAction(command, async (context, parse, ct) =>
            GroupView.Show(context.Output, await context.Client.GetGroupAsync(parse.GetRequiredValue(id), ct)));
        return command;
    }
}
