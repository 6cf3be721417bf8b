using Fleetboot.Core.Groups;
using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Boot;

/// <summary>
/// Picks the group for a request: among the groups whose selectors all match, the one with the most
/// selectors wins; a tie goes to the group whose id sorts first (ordinal). A group without selectors is
/// the default, and applies to registered machines only: an unknown machine is never installed by default.
/// </summary>
public static class GroupMatcher
{
    public static Group? Select(IEnumerable<Group> groups, Machine? machine, BootRequest? request)
    {
        Group? best = null;
        foreach (var group in groups)
        {
            if (machine is null && group.Selectors.Count == 0) continue;
            if (!group.Selectors.All(s => Matches(s.Key, s.Value, machine, request))) continue;
            if (best is null
                || group.Selectors.Count > best.Selectors.Count
                || (group.Selectors.Count == best.Selectors.Count && string.CompareOrdinal(group.Id, best.Id) < 0))
                best = group;
        }
        return best;
    }

    private static bool Matches(string key, string expected, Machine? machine, BootRequest? request) => key switch
    {
        "mac" => (machine?.Macs.Any(m => m.ToString() == expected) ?? false) || request?.Mac?.ToString() == expected,
        "uuid" => (machine?.Uuid ?? request?.Uuid)?.ToString() == expected,
        "hostname" => string.Equals(machine?.Hostname ?? request?.Hostname, expected, StringComparison.OrdinalIgnoreCase),
        "serial" => (machine?.Serial ?? request?.Serial) == expected,
        "arch" => (machine?.Arch ?? request?.ParsedArch) is { } arch && MachineNames.Of(arch) == expected,
        "firmware" => (machine?.Firmware ?? request?.ParsedFirmware) is { } fw && MachineNames.Of(fw) == expected,
        "role" => machine?.Role == expected,
        _ => machine is not null && machine.Labels.TryGetValue(key, out var value) && value == expected,
    };
}
