using System.Text.Json.Nodes;

namespace Fleetboot.Core.Profiles;

/// <summary>What to boot: kernel, initrds, arguments and the install configurations, all of them templates.</summary>
public sealed record Profile
{
    public required string Id { get; init; }
    public string? Description { get; init; }
    public string? Kernel { get; init; }
    public IReadOnlyList<string> Initrds { get; init; } = [];
    public string? Args { get; init; }
    public string? Rootfs { get; init; }

    /// <summary>Config templates by kind (see <see cref="ConfigKinds"/>).</summary>
    public IReadOnlyDictionary<string, string> Configs { get; init; } = Empty;

    /// <summary>Named generic files served at <c>/config/generic/{name}</c>.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = Empty;
    public JsonObject? Metadata { get; init; }

    /// <summary>How machines of this profile boot their disk; null: <see cref="Machines.LocalBootMethod.Exit"/>.</summary>
    public Machines.LocalBootMethod? LocalBoot { get; init; }

    /// <summary>The loader DHCP offers this profile's machines unless a machine sets its own (see <see cref="Dhcp.BootLoaderChoice"/>).</summary>
    public string? Loader { get; init; }

    /// <summary>A machine installing this profile with no activity for this long fails; null: 30 minutes.</summary>
    public int? InstallTimeoutMinutes { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
