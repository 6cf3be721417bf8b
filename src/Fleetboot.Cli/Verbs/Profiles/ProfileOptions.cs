using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Profiles;

/// <summary>The profile fields shared by <c>profiles add</c> and <c>profiles set</c>.</summary>
internal sealed class ProfileOptions
{
    public Option<string?> Kernel { get; } = new("--kernel") { Description = "kernel URL (a template)", HelpName = "URL" };
    public Option<string[]> Initrds { get; } = new("--initrd") { Description = "initrd URL (repeatable, in order)", HelpName = "URL" };
    public Option<string?> Args { get; } = new("--args") { Description = "kernel command line (a template)", HelpName = "ARGS" };
    public Option<string?> Rootfs { get; } = new("--rootfs") { Description = "root file system URL", HelpName = "URL" };
    public Option<string?> Description { get; } = new("--description") { Description = "free text", HelpName = "TEXT" };
    public Option<string[]> Configs { get; } = new("--config")
    {
        Description = "config template KIND=FILE (ignition, talos, kickstart, preseed, user-data, meta-data, network-config; repeatable)",
        HelpName = "KIND=FILE",
    };
    public Option<string[]> Files { get; } = new("--file") { Description = "generic file template NAME=FILE, served at /config/generic/NAME (repeatable)", HelpName = "NAME=FILE" };
    public Option<string?> Metadata { get; } = new("--metadata") { Description = "template variables as a JSON object, or @file.json", HelpName = "JSON" };
    public Option<string?> LocalBoot { get; } = new("--local-boot")
    {
        Description = "how its machines boot their disk once installed: exit (default), disk or http404",
        HelpName = "exit|disk|http404",
    };
    public Option<string?> Loader { get; } = new("--loader")
    {
        Description = "loader DHCP offers its machines: ipxe (default), grub (UEFI), shim (UEFI Secure Boot), pxelinux (BIOS), a file under the TFTP root or an http(s) URL",
        HelpName = "ipxe|grub|shim|pxelinux|FILE|URL",
    };
    public Option<string?> InstallTimeout { get; } = new("--install-timeout")
    {
        Description = "minutes without progress after which an install fails (default 30; empty: the default)",
        HelpName = "MINUTES",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Kernel, Initrds, Args, Rootfs, Description, Configs, Files, Metadata, LocalBoot, Loader, InstallTimeout })
            command.Options.Add(option);
    }

    /// <summary>Minutes as typed; empty: none.</summary>
    public static int? Minutes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes)
            ? minutes
            : throw new CliException($"--install-timeout '{text}' is not a whole number of minutes", ExitCodes.Usage);
    }

    /// <summary>Reads <c>KIND=FILE</c> pairs into template texts.</summary>
    public static Dictionary<string, string> ReadTemplates(ParseResult parse, Option<string[]> option) =>
        KeyValues.Parse(parse.GetValue(option), option.Name)
            .ToDictionary(p => p.Key, p => FileArgument.Read(p.Value, $"{option.Name} {p.Key}"), StringComparer.Ordinal);
}
