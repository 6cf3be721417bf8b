using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Boot;

/// <summary>What a booting machine told us about itself, from any protocol.</summary>
public sealed record BootRequest
{
    public MacAddress? Mac { get; init; }
    public Guid? Uuid { get; init; }
    public string? Hostname { get; init; }
    public string? Serial { get; init; }

    /// <summary>iPXE's <c>${buildarch}</c> or an architecture name.</summary>
    public string? Arch { get; init; }

    /// <summary>iPXE's <c>${platform}</c> (<c>pcbios</c>, <c>efi</c>) or a firmware name.</summary>
    public string? Platform { get; init; }
    public required string ClientAddress { get; init; }

    /// <summary>The address the machine reached us on, such as <c>http://10.0.0.1:8080</c>; no trailing slash.</summary>
    public required string BaseUrl { get; init; }
    public string? TftpAddress { get; init; }
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    public CpuArchitecture? ParsedArch => Arch is "i386" ? CpuArchitecture.X86_64
        : MachineNames.TryParseArch(Arch, out var arch) ? arch : null;

    public FirmwareKind? ParsedFirmware => MachineNames.TryParseFirmware(Platform, out var fw) ? fw : null;
}
