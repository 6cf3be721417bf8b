using Fleetboot.Core.Groups;
using Fleetboot.Core.Profiles;

namespace Fleetboot.Core.Catalog;

/// <summary>Profiles, groups and operators' templates as one consistent in-memory view for the boot path.</summary>
public sealed record CatalogSnapshot(
    IReadOnlyDictionary<string, Profile> Profiles,
    IReadOnlyList<Group> Groups,
    IReadOnlyDictionary<string, string> Templates);
