using System.Text.Json.Nodes;

namespace Fleetboot.Core.Machines;

/// <summary>A machine as an operator describes it, before validation. Strings are parsed by <see cref="MachineRegistry"/>.</summary>
public sealed record MachineSpec
{
    public IReadOnlyList<string> Macs { get; init; } = [];
    public string? Uuid { get; init; }
    public string? Hostname { get; init; }
    public string? Serial { get; init; }
    public string? StaticIp { get; init; }
    public string? Arch { get; init; }
    public string? Firmware { get; init; }
    public string? Role { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public IReadOnlyList<string>? Features { get; init; }
    public JsonObject? Specs { get; init; }
    public JsonObject? Metadata { get; init; }
    public string? Profile { get; init; }

    /// <summary><c>once</c> (default), <c>always</c> or <c>never</c>.</summary>
    public string? Netboot { get; init; }

    /// <summary><c>exit</c>, <c>disk</c> or <c>http404</c>; null: the profile's choice.</summary>
    public string? LocalBoot { get; init; }

    /// <summary><c>ipxe</c>, <c>grub</c>, <c>shim</c>, <c>pxelinux</c>, a file under the TFTP root or an http(s) URL; null: the profile's.</summary>
    public string? Loader { get; init; }
}
