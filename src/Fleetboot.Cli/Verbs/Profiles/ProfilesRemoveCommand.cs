using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Profiles;

/// <summary><c>fleetboot profiles remove ID</c> (refused while a group or machine uses it)</summary>
internal static class ProfilesRemoveCommand
{
    public static Command Create() =>
        RemoveVerb.Create("remove", "remove a profile that no group or machine uses", new Argument<string>("ID") { Description = "profile id" },
            (client, id, ct) => client.RemoveProfileAsync(id, ct), "removed profile");
}
