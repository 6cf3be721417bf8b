using System.Text.Json.Nodes;

namespace Fleetboot.Contracts;

/// <summary>A profile as the API returns it.</summary>
public sealed record ProfileDto
{
    public required string Id { get; init; }
    public string? Description { get; init; }
    public string? Kernel { get; init; }
    public IReadOnlyList<string> Initrds { get; init; } = [];
    public string? Args { get; init; }
    public string? Rootfs { get; init; }
    public IReadOnlyDictionary<string, string> Configs { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();
    public JsonObject? Metadata { get; init; }

    /// <summary>How machines of this profile boot their disk: <c>exit</c> (default), <c>disk</c> or <c>http404</c>.</summary>
    public string? LocalBoot { get; init; }

    /// <summary>The loader DHCP offers this profile's machines unless a machine sets its own: <c>ipxe</c> (default), <c>grub</c>, <c>shim</c>, <c>pxelinux</c>, a file under the TFTP root or an http(s) URL.</summary>
    public string? Loader { get; init; }

    /// <summary>Minutes without any sign of progress after which an install fails; null: 30.</summary>
    public int? InstallTimeoutMinutes { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
