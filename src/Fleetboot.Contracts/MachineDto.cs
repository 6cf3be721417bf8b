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
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
