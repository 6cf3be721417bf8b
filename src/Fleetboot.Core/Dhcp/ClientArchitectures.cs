namespace Fleetboot.Core.Dhcp;

/// <summary>IANA "Processor Architecture Types" (option 93, RFC 4578) that Fleetboot distinguishes.</summary>
public static class ClientArchitectures
{
    public const ushort X86Bios = 0;
    public const ushort X86Uefi = 6;
    public const ushort X64Uefi = 7;
    public const ushort EbcUefi = 9;
    public const ushort Arm32Uefi = 10;
    public const ushort Arm64Uefi = 11;
    public const ushort X86UefiHttp = 15;
    public const ushort X64UefiHttp = 16;
    public const ushort Arm64UefiHttp = 19;

    public static bool IsHttpBoot(ushort arch) => arch is X86UefiHttp or X64UefiHttp or 17 or 18 or Arm64UefiHttp;

    public static string Name(ushort arch) => arch switch
    {
        X86Bios => "x86-bios",
        X86Uefi => "x86-uefi",
        X64Uefi or EbcUefi => "x64-uefi",
        Arm32Uefi => "arm32-uefi",
        Arm64Uefi => "arm64-uefi",
        X86UefiHttp => "x86-uefi-http",
        X64UefiHttp => "x64-uefi-http",
        Arm64UefiHttp => "arm64-uefi-http",
        _ => $"arch-{arch}",
    };
}
