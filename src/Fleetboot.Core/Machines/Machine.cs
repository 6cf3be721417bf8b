using System.Text.Json.Nodes;

namespace Fleetboot.Core.Machines;

/// <summary>A registered (or discovered) machine. MACs, hostname, UUID and static IP are unique across the registry.</summary>
public sealed record Machine
{
    public required string Id { get; init; }

    /// <summary>Primary first; never empty.</summary>
    public required IReadOnlyList<MacAddress> Macs { get; init; }

    /// <summary>SMBIOS system UUID.</summary>
    public Guid? Uuid { get; init; }
    public string? Hostname { get; init; }
    public string? Serial { get; init; }
    public string? StaticIp { get; init; }
    public CpuArchitecture Arch { get; init; } = CpuArchitecture.X86_64;
    public FirmwareKind? Firmware { get; init; }
    public string? Role { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = EmptyLabels;
    public IReadOnlyList<string> Features { get; init; } = [];
    public JsonObject? Specs { get; init; }

    /// <summary>Free-form values that become template variables.</summary>
    public JsonObject? Metadata { get; init; }
    public string? ProfileId { get; init; }
    public MachineState State { get; init; } = MachineState.Registered;

    /// <summary>Why the machine is in its state: a failure's reason, or the last progress message.</summary>
    public string? StateReason { get; init; }

    /// <summary>The installer's last reported phase and percentage.</summary>
    public string? Phase { get; init; }
    public int? Percent { get; init; }
    public DateTimeOffset? StateChangedAt { get; init; }

    /// <summary>When the machine last did anything we saw (request, transfer, callback) while installing.</summary>
    public DateTimeOffset? LastActivityAt { get; init; }
    public NetbootPolicy Netboot { get; init; } = NetbootPolicy.Once;

    /// <summary>Overrides the profile's choice; null: the profile's, else <see cref="LocalBootMethod.Exit"/>.</summary>
    public LocalBootMethod? LocalBoot { get; init; }

    /// <summary>The loader DHCP offers, before the profile's (see <see cref="Dhcp.BootLoaderChoice"/>); null: the profile's, else iPXE.</summary>
    public string? Loader { get; init; }

    /// <summary>Secret that the machine's installer presents on callbacks.</summary>
    public required string Token { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public MacAddress PrimaryMac => Macs[0];

    private static readonly IReadOnlyDictionary<string, string> EmptyLabels = new Dictionary<string, string>();
}
