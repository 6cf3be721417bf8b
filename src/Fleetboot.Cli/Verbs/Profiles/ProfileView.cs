using System.Globalization;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Profiles;

/// <summary>How profiles look in tables.</summary>
internal static class ProfileView
{
    public static void Show(CliOutput output, ProfileDto p) =>
        output.JsonOrFields(p, CliOutput.Json.ProfileDto, () =>
        [
            ("id", p.Id),
            ("description", p.Description),
            ("kernel", p.Kernel),
            ("initrds", string.Join("\n", p.Initrds)),
            ("args", p.Args),
            ("rootfs", p.Rootfs),
            ("configs", string.Join(", ", p.Configs.Keys.Order(StringComparer.Ordinal))),
            ("files", string.Join(", ", p.Files.Keys.Order(StringComparer.Ordinal))),
            ("metadata", p.Metadata?.ToJsonString()),
            ("local boot", p.LocalBoot),
            ("loader", p.Loader),
            ("install timeout", p.InstallTimeoutMinutes is { } minutes ? $"{minutes} min" : null),
            ("updated", p.UpdatedAt.ToString("u", CultureInfo.InvariantCulture)),
        ]);

    public static void List(CliOutput output, IReadOnlyList<ProfileDto> profiles) =>
        output.JsonOrTable(profiles, CliOutput.Json.IReadOnlyListProfileDto,
            ("ID", p => p.Id),
            ("KERNEL", p => p.Kernel),
            ("INITRDS", p => p.Initrds.Count.ToString(CultureInfo.InvariantCulture)),
            ("CONFIGS", p => string.Join(",", p.Configs.Keys.Order(StringComparer.Ordinal))),
            ("DESCRIPTION", p => p.Description));
}
