using System.Text.Json.Nodes;

namespace Fleetboot.Contracts;

/// <summary>Body of <c>POST /api/v1/profiles</c> (id required) and <c>PUT /api/v1/profiles/{id}</c> (id taken from the path).</summary>
public sealed record ProfileRequest
{
    public string? Id { get; init; }
    public string? Description { get; init; }

    /// <summary>Kernel URL (a template).</summary>
    public string? Kernel { get; init; }
    public IReadOnlyList<string> Initrds { get; init; } = [];

    /// <summary>Kernel command line (a template).</summary>
    public string? Args { get; init; }
    public string? Rootfs { get; init; }

    /// <summary>Config templates by kind: ignition, talos, kickstart, preseed, user-data, meta-data, network-config.</summary>
    public IReadOnlyDictionary<string, string> Configs { get; init; } = new Dictionary<string, string>();

    /// <summary>Named generic file templates served at <c>/config/generic/{name}</c>.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();
    public JsonObject? Metadata { get; init; }

    /// <summary>How machines of this profile boot their disk: <c>exit</c> (default), <c>disk</c> or <c>http404</c>.</summary>
    public string? LocalBoot { get; init; }

    /// <summary>The loader DHCP offers this profile's machines unless a machine sets its own: <c>ipxe</c> (default), <c>grub</c>, <c>shim</c>, <c>pxelinux</c>, a file under the TFTP root or an http(s) URL.</summary>
    public string? Loader { get; init; }

    /// <summary>Minutes without any sign of progress after which an install fails; null: 30.</summary>
    public int? InstallTimeoutMinutes { get; init; }
}
