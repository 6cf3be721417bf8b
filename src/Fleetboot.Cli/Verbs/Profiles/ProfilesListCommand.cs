using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Profiles;

/// <summary><c>fleetboot profiles list</c></summary>
internal static class ProfilesListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "list profiles");
        CliRunner.SetAction(command, async (context, _, ct) => ProfileView.List(context.Output, await context.Client.ListProfilesAsync(ct)));
        return command;
    }
}
