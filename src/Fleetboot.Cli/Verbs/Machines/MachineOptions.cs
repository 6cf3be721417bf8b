using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary>The machine fields shared by <c>machines add</c> and <c>machines set</c>.</summary>
internal sealed class MachineOptions
{
    public Option<string[]> Macs { get; } = new("--mac") { Description = "another MAC address (repeatable)", HelpName = "MAC", AllowMultipleArgumentsPerToken = false };
    public Option<string?> Hostname { get; } = new("--hostname") { Description = "host name", HelpName = "NAME" };
    public Option<string?> Role { get; } = new("--role") { Description = "role, such as worker or control-plane", HelpName = "ROLE" };
    public Option<string?> Arch { get; } = new("--arch") { Description = "x86_64 or arm64", HelpName = "ARCH" };
    public Option<string?> Firmware { get; } = new("--firmware") { Description = "bios or uefi", HelpName = "FIRMWARE" };
    public Option<string[]> Features { get; } = new("--feature") { Description = "a feature (repeatable)", HelpName = "FEATURE" };
    public Option<string[]> Labels { get; } = new("--label") { Description = "a label key=value (repeatable)", HelpName = "KEY=VALUE" };
    public Option<string?> Profile { get; } = new("--profile") { Description = "profile to boot (overrides groups)", HelpName = "PROFILE" };
    public Option<string?> Uuid { get; } = new("--uuid") { Description = "SMBIOS system UUID", HelpName = "UUID" };
    public Option<string?> Serial { get; } = new("--serial") { Description = "serial number", HelpName = "SERIAL" };
    public Option<string?> Ip { get; } = new("--ip") { Description = "static IPv4 address", HelpName = "IPV4" };
    public Option<string?> Metadata { get; } = new("--metadata") { Description = "template variables as a JSON object, or @file.json", HelpName = "JSON" };
    public Option<string?> Specs { get; } = new("--specs") { Description = "hardware specs as a JSON object, or @file.json", HelpName = "JSON" };
    public Option<string?> Netboot { get; } = new("--netboot")
    {
        Description = "when it boots its profile from the network: once (default: until its install is done), always (diskless) or never",
        HelpName = "once|always|never",
    };
    public Option<string?> LocalBoot { get; } = new("--local-boot")
    {
        Description = "how it is told to boot its disk: exit (next boot device), disk (sanboot / chainload the disk) or http404; empty: the profile's choice",
        HelpName = "exit|disk|http404",
    };
    public Option<string?> Loader { get; } = new("--loader")
    {
        Description = "loader DHCP offers: ipxe, grub (UEFI), shim (UEFI Secure Boot), pxelinux (BIOS), a file under the TFTP root or an http(s) URL; empty: the profile's",
        HelpName = "ipxe|grub|shim|pxelinux|FILE|URL",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Macs, Hostname, Role, Arch, Firmware, Features, Labels, Profile, Uuid, Serial, Ip, Metadata, Specs, Netboot, LocalBoot, Loader })
            command.Options.Add(option);
    }
}
