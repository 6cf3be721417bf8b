using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Profiles;

/// <summary><c>fleetboot profiles show ID</c></summary>
internal static class ProfilesShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "profile id" };
        var command = new Command("show", "show one profile");
        command.Arguments.Add(id);
        CliRunner.SetAction(command, async (context, parse, ct) =>
            ProfileView.Show(context.Output, await context.Client.GetProfileAsync(parse.GetRequiredValue(id), ct)));
        return command;
    }
}
