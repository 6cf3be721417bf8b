using System.Text.Json.Nodes;

namespace Fleetboot.Contracts;

/// <summary>
/// Body of <c>POST /api/v1/machines</c> and <c>PUT /api/v1/machines/{ref}</c> (a PUT replaces every field).
/// Values are taken as the user typed them; the server validates them and names the field that is wrong.
/// </summary>
public sealed record MachineRequest
{
    /// <summary>MAC addresses, primary first, in any of the forms <c>aa:bb:..</c>, <c>AA-BB-..</c>, <c>aabb.ccdd.eeff</c>, <c>aabbccddeeff</c>.</summary>
    public IReadOnlyList<string> Macs { get; init; } = [];
    public string? Hostname { get; init; }

    /// <summary>SMBIOS system UUID.</summary>
    public string? Uuid { get; init; }
    public string? Serial { get; init; }
    public string? StaticIp { get; init; }

    /// <summary><c>x86_64</c> (default) or <c>arm64</c>.</summary>
    public string? Arch { get; init; }

    /// <summary><c>bios</c> or <c>uefi</c>; empty when unknown.</summary>
    public string? Firmware { get; init; }
    public string? Role { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> Features { get; init; } = [];
    public JsonObject? Specs { get; init; }
    public JsonObject? Metadata { get; init; }

    /// <summary>Id of the profile this machine boots; overrides groups.</summary>
    public string? Profile { get; init; }

    /// <summary>When the machine boots its profile: <c>once</c> (default: until an install finishes), <c>always</c> (diskless) or <c>never</c>.</summary>
    public string? Netboot { get; init; }

    /// <summary>How it is told to boot its disk: <c>exit</c>, <c>disk</c> or <c>http404</c>; empty: the profile's choice.</summary>
    public string? LocalBoot { get; init; }

    /// <summary>The loader DHCP offers: <c>ipxe</c>, <c>grub</c>, <c>shim</c>, <c>pxelinux</c>, a file under the TFTP root or an http(s) URL; empty: the profile's, else iPXE.</summary>
    public string? Loader { get; init; }
}
