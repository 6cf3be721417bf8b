using System.Globalization;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Groups;

/// <summary>How groups look in tables.</summary>
internal static class GroupView
{
    public static void Show(CliOutput output, GroupDto g) =>
        output.JsonOrFields(g, CliOutput.Json.GroupDto, () =>
        [
            ("id", g.Id),
            ("profile", g.Profile),
            ("selectors", Selectors(g)),
            ("description", g.Description),
            ("metadata", g.Metadata?.ToJsonString()),
            ("updated", g.UpdatedAt.ToString("u", CultureInfo.InvariantCulture)),
        ]);

    public static void List(CliOutput output, IReadOnlyList<GroupDto> groups) =>
        output.JsonOrTable(groups, CliOutput.Json.IReadOnlyListGroupDto,
            ("ID", g => g.Id),
            ("PROFILE", g => g.Profile),
            ("SELECTORS", Selectors),
            ("DESCRIPTION", g => g.Description));

    private static string Selectors(GroupDto g) => g.Selectors.Count == 0
        ? "(default)"
        : string.Join(",", g.Selectors.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"));
}
