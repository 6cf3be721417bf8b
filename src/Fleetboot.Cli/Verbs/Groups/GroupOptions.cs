using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Groups;

/// <summary>The group fields shared by <c>groups add</c> and <c>groups set</c>.</summary>
internal sealed class GroupOptions
{
    public Option<string?> Profile { get; } = new("--profile") { Description = "profile the matching machines boot", HelpName = "PROFILE" };
    public Option<string[]> Selectors { get; } = new("--selector")
    {
        Description = "selector KEY=VALUE: mac, uuid, hostname, serial, arch, firmware, role, or a label name (repeatable; all must match)",
        HelpName = "KEY=VALUE",
    };
    public Option<string?> Description { get; } = new("--description") { Description = "free text", HelpName = "TEXT" };
    public Option<string?> Metadata { get; } = new("--metadata") { Description = "template variables as a JSON object, or @file.json", HelpName = "JSON" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Profile, Selectors, Description, Metadata }) command.Options.Add(option);
    }
}
