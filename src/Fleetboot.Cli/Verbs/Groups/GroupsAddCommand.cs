using System.CommandLine;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Groups;

/// <summary><c>fleetboot groups add ID --profile P [--selector k=v]...</c></summary>
internal static class GroupsAddCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "group id (a-z, 0-9, '-', '_', '.')" };
        var options = new GroupOptions();
        var command = new Command("add", "create a group that sends matching machines to a profile");
        command.Arguments.Add(id);
        options.AddTo(command);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var request = new GroupRequest
            {
                Id = parse.GetRequiredValue(id),
                Profile = parse.GetValue(options.Profile),
                Selectors = KeyValues.Parse(parse.GetValue(options.Selectors), "--selector"),
                Description = parse.GetValue(options.Description),
                Metadata = JsonArgument.Parse(parse.GetValue(options.Metadata), "--metadata"),
            };
            GroupView.Show(context.Output, await context.Client.AddGroupAsync(request, ct));
        });
        return command;
    }
}
