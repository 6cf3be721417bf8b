using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Profiles;

/// <summary><c>fleetboot profiles add|list|show|set|remove</c></summary>
internal static class ProfilesCommand
{
    public static Command Create() => new("profiles", "manage boot profiles")
    {
        ProfilesAddCommand.Create(),
        ProfilesListCommand.Create(),
        ProfilesShowCommand.Create(),
        ProfilesSetCommand.Create(),
        ProfilesRemoveCommand.Create(),
    };
}
