using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Groups;

/// <summary><c>fleetboot groups remove ID</c></summary>
internal static class GroupsRemoveCommand
{
    public static Command Create() =>
        RemoveVerb.Create("remove", "remove a group", new Argument<string>("ID") { Description = "group id" },
            (client, id, ct) => client.RemoveGroupAsync(id, ct), "removed group");
}
