using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Groups;

/// <summary><c>fleetboot groups remove ID</c></summary>
internal static class GroupsRemoveCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "group id" };
        var command = new Command("remove", "remove a group");
        command.Arguments.Add(id);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var target = parse.GetRequiredValue(id);
            await context.Client.RemoveGroupAsync(target, ct);
            if (!context.Output.IsJson) context.Output.Line($"removed group {target}");
        });
        return command;
    }
}
