using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Profiles;

/// <summary><c>fleetboot profiles remove ID</c> (refused while a group or machine uses it)</summary>
internal static class ProfilesRemoveCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "profile id" };
        var command = new Command("remove", "remove a profile that no group or machine uses");
        command.Arguments.Add(id);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var target = parse.GetRequiredValue(id);
            await context.Client.RemoveProfileAsync(target, ct);
            if (!context.Output.IsJson) context.Output.Line($"removed profile {target}");
        });
        return command;
    }
}
