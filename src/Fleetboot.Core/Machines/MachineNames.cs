namespace Fleetboot.Core.Machines;

/// <summary>The words users and templates use for architectures, firmware and states.</summary>
public static class MachineNames
{
    public static string Of(CpuArchitecture arch) => arch switch
    {
        CpuArchitecture.Arm64 => "arm64",
        _ => "x86_64",
    };

    public static string Of(FirmwareKind firmware) => firmware == FirmwareKind.Bios ? "bios" : "uefi";

    public static string Of(MachineState state) => state.ToString().ToLowerInvariant();

    public static bool TryParseArch(string? text, out CpuArchitecture arch)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "x86_64" or "amd64" or "x64" or "x86-64":
                arch = CpuArchitecture.X86_64;
                return true;
            case "arm64" or "aarch64":
                arch = CpuArchitecture.Arm64;
                return true;
            default:
                arch = default;
                return false;
        }
    }

    /// <summary>Also accepts iPXE's <c>${platform}</c> values (<c>pcbios</c>, <c>efi</c>).</summary>
    public static bool TryParseFirmware(string? text, out FirmwareKind firmware)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "bios" or "pcbios" or "legacy":
                firmware = FirmwareKind.Bios;
                return true;
            case "uefi" or "efi":
                firmware = FirmwareKind.Uefi;
                return true;
            default:
                firmware = default;
                return false;
        }
    }

    public static string Of(NetbootPolicy policy) => policy.ToString().ToLowerInvariant();

    public static string Of(LocalBootMethod method) => method.ToString().ToLowerInvariant();

    public static bool TryParseNetboot(string? text, out NetbootPolicy policy) => TryParseName(text, out policy);

    public static bool TryParseLocalBoot(string? text, out LocalBootMethod method) => TryParseName(text, out method);

    public static bool TryParseState(string? text, out MachineState state) => TryParseName(text, out state);

    private static bool TryParseName<T>(string? text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);
}
