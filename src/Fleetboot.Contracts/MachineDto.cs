using System.Text.Json.Nodes;

namespace Fleetboot.Contracts;

/// <summary>A machine as the API returns it.</summary>
public sealed record MachineDto
{
    public required string Id { get; init; }
    public required IReadOnlyList<string> Macs { get; init; }
    public string? Hostname { get; init; }
    public Guid? Uuid { get; init; }
    public string? Serial { get; init; }
    public string? StaticIp { get; init; }
    public MachineArch Arch { get; init; }
    public MachineFirmware? Firmware { get; init; }
    public string? Role { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> Features { get; init; } = [];
    public JsonObject? Specs { get; init; }
    public JsonObject? Metadata { get; init; }
    public string? Profile { get; init; }
    public MachineState State { get; init; }

    /// <summary>Why the machine is in its state: a failure's reason, the last progress message, or the operator's command.</summary>
    public string? StateReason { get; init; }

    /// <summary>The installer's last reported phase (such as <c>partition</c>, <c>packages</c>, <c>done</c>).</summary>
    public string? Phase { get; init; }

    /// <summary>The installer's last reported percentage, 0-100.</summary>
    public int? Percent { get; init; }
    public DateTimeOffset? StateChangedAt { get; init; }

    /// <summary>When the machine last did anything Fleetboot saw while provisioning or installing.</summary>
    public DateTimeOffset? LastActivityAt { get; init; }

    /// <summary><c>once</c>, <c>always</c> or <c>never</c>.</summary>
    public string Netboot { get; init; } = "once";

    /// <summary><c>exit</c>, <c>disk</c> or <c>http404</c>; null: the profile's choice (else <c>exit</c>).</summary>
    public string? LocalBoot { get; init; }

    /// <summary>The loader DHCP offers: <c>ipxe</c>, <c>grub</c>, <c>shim</c>, <c>pxelinux</c>, a file under the TFTP root or an http(s) URL; null: the profile's, else iPXE.</summary>
    public string? Loader { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
