namespace Fleetboot.Cli.Lab.Installer;

/// <summary>
/// The boot sector the test installer writes to the VM's disk, so that a later power-on that boots the disk shows it
/// on the serial console: 16-bit code that prints the zero-terminated text at <see cref="MessageOffset"/> to COM1 and
/// powers QEMU off through the ACPI PM1a control port (0x604 on current QEMU, 0xB004 on older machine types).
/// BIOS only: a UEFI disk boot needs an EFI system partition.
/// </summary>
public static class DiskBootSector
{
    /// <summary>Where the installer puts its text (up to the partition table at 446).</summary>
    public const int MessageOffset = 256;
    public const int MessageMax = 446 - MessageOffset - 1;
    public const string MessagePrefix = "FLEETBOOT-DISK:";

    private static readonly byte[] Code =
    [
        0xFA,                   // cli
        0x31, 0xC0,             // xor ax, ax
        0x8E, 0xD8,             // mov ds, ax
        0x8E, 0xC0,             // mov es, ax
        0x8E, 0xD0,             // mov ss, ax
        0xBC, 0x00, 0x7C,       // mov sp, 0x7c00
        0xFB,                   // sti
        0xFC,                   // cld
        0xBE, 0x00, 0x7D,       // mov si, 0x7c00 + MessageOffset
        0xAC,                   // next: lodsb
        0x84, 0xC0,             // test al, al
        0x74, 0x12,             // jz done
        0x88, 0xC3,             // mov bl, al
        0xBA, 0xFD, 0x03,       // wait: mov dx, 0x3fd (COM1 line status)
        0xEC,                   // in al, dx
        0xA8, 0x20,             // test al, 0x20 (transmitter empty)
        0x74, 0xF8,             // jz wait
        0xBA, 0xF8, 0x03,       // mov dx, 0x3f8 (COM1 data)
        0x88, 0xD8,             // mov al, bl
        0xEE,                   // out dx, al
        0xEB, 0xE9,             // jmp next
        0xBA, 0x04, 0x06,       // done: mov dx, 0x604 (PM1a_CNT)
        0xB8, 0x00, 0x20,       // mov ax, 0x2000 (SLP_EN, S5)
        0xEF,                   // out dx, ax
        0xBA, 0x04, 0xB0,       // mov dx, 0xb004
        0xEF,                   // out dx, ax
        0xFA,                   // halt: cli
        0xF4,                   // hlt
        0xEB, 0xFC,             // jmp halt
    ];

    /// <summary>The 512-byte sector with no message (the installer writes its own at <see cref="MessageOffset"/>).</summary>
    public static byte[] Create()
    {
        var sector = new byte[512];
        Code.CopyTo(sector, 0);
        sector[510] = 0x55;
        sector[511] = 0xAA;
        return sector;
    }
}
