using System.CommandLine;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Profiles;

/// <summary>
/// <c>fleetboot profiles set ID [--kernel URL] [--args ARGS] ...</c>: changes only the fields given.
/// <c>--initrd</c> replaces the list; <c>--config</c>/<c>--file</c> add or replace one template each; an empty value clears a field.
/// </summary>
internal static class ProfilesSetCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "profile id" };
        var options = new ProfileOptions();
        var removeConfigs = new Option<string[]>("--remove-config") { Description = "drop the config template of this kind (repeatable)", HelpName = "KIND" };
        var removeFiles = new Option<string[]>("--remove-file") { Description = "drop this generic file (repeatable)", HelpName = "NAME" };
        var command = new Command("set", "change fields of a profile (the others keep their values)");
        command.Arguments.Add(id);
        options.AddTo(command);
        command.Options.Add(removeConfigs);
        command.Options.Add(removeFiles);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var p = await context.Client.GetProfileAsync(parse.GetRequiredValue(id), ct);
            var configs = Merge(p.Configs, ProfileOptions.ReadTemplates(parse, options.Configs), parse.GetValue(removeConfigs));
            var files = Merge(p.Files, ProfileOptions.ReadTemplates(parse, options.Files), parse.GetValue(removeFiles));
            var request = new ProfileRequest
            {
                Id = p.Id,
                Kernel = Pick(parse, options.Kernel, p.Kernel),
                Initrds = parse.GetResult(options.Initrds) is null ? p.Initrds : (parse.GetValue(options.Initrds) ?? []).Where(i => i.Length > 0).ToArray(),
                Args = Pick(parse, options.Args, p.Args),
                Rootfs = Pick(parse, options.Rootfs, p.Rootfs),
                Description = Pick(parse, options.Description, p.Description),
                Configs = configs,
                Files = files,
                Metadata = parse.GetValue(options.Metadata) is { } metadata ? JsonArgument.Parse(metadata, "--metadata") : p.Metadata,
                LocalBoot = Pick(parse, options.LocalBoot, p.LocalBoot),
                Loader = Pick(parse, options.Loader, p.Loader),
                InstallTimeoutMinutes = parse.GetResult(options.InstallTimeout) is null ? p.InstallTimeoutMinutes : ProfileOptions.Minutes(parse.GetValue(options.InstallTimeout)),
            };
            ProfileView.Show(context.Output, await context.Client.ReplaceProfileAsync(p.Id, request, ct));
        });
        return command;
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> current, Dictionary<string, string> added, string[]? removed)
    {
        var result = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var key in removed ?? []) result.Remove(key);
        foreach (var (key, value) in added) result[key] = value;
        return result;
    }

    private static string? Pick(ParseResult parse, Option<string?> option, string? current)
    {
        if (parse.GetResult(option) is null) return current;
        var value = parse.GetValue(option);
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
