using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Groups;

/// <summary><c>fleetboot groups add|list|show|set|remove</c></summary>
internal static class GroupsCommand
{
    public static Command Create() => new("groups", "manage groups (selectors that send machines to profiles)")
    {
        GroupsAddCommand.Create(),
        GroupsListCommand.Create(),
        GroupsShowCommand.Create(),
        GroupsSetCommand.Create(),
        GroupsRemoveCommand.Create(),
    };
}
