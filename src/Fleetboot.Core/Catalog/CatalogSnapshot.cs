using Fleetboot.Core.Boot;
using Fleetboot.Core.Groups;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Profiles;

namespace Fleetboot.Core.Catalog;

/// <summary>Profiles, groups and operators' templates as one consistent in-memory view for the boot path.</summary>
public sealed record CatalogSnapshot(
    IReadOnlyDictionary<string, Profile> Profiles,
    IReadOnlyList<Group> Groups,
    IReadOnlyDictionary<string, string> Templates)
{
    /// <summary>
    /// The profile a registered machine boots: its own, else the one of the group that <see cref="GroupMatcher"/> picks.
    /// <c>Profile</c> is null when neither names one or the named profile does not exist.
    /// </summary>
    public (Group? Group, string? ProfileId, Profile? Profile) ProfileFor(Machine machine, BootRequest? request)
    {
        var group = GroupMatcher.Select(Groups, machine, request);
        var profileId = machine.ProfileId ?? group?.ProfileId;
        return (group, profileId, profileId is null ? null : Profiles.GetValueOrDefault(profileId));
    }
}
