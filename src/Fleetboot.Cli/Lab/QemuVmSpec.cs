namespace Fleetboot.Cli.Lab;

/// <summary>One lab VM: what QEMU needs to start it.</summary>
/// <param name="Name">VM name; also names its directory and, shortened, its tap device.</param>
/// <param name="Mac">The NIC's MAC, lowercase colon form.</param>
/// <param name="Tap">Tap device in the lab namespace.</param>
/// <param name="Directory">Holds the disk, the UEFI variable store copy, the serial log and the pid file.</param>
/// <param name="DiskFirst">Boot the disk before the network (a power-on that skips netboot).</param>
public sealed record QemuVmSpec(
    string Name,
    string Mac,
    string Tap,
    string Directory,
    LabFirmware Firmware = LabFirmware.Bios,
    LabNic Nic = LabNic.Virtio,
    int MemoryMiB = QemuVmSpec.DefaultMemoryMiB,
    long DiskBytes = 64L * 1024 * 1024,
    bool DiskFirst = false)
{
    public const int DefaultMemoryMiB = 512;

    public string DiskPath => Path.Combine(Directory, "disk.raw");
    public string SerialLogPath => Path.Combine(Directory, "serial.log");
    public string QemuLogPath => Path.Combine(Directory, "qemu.log");
    public string PidPath => Path.Combine(Directory, "qemu.pid");
    public string VarsPath => Path.Combine(Directory, "OVMF_VARS.fd");
}
