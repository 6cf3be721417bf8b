namespace Fleetboot.Cli.Lab;

/// <summary>
/// Starts lab VMs: <c>qemu-system-x86_64 -accel tcg</c> (never KVM: the lab runs the same everywhere, CI included)
/// inside the lab namespace, on a tap device of the bridge, serial console to a file, <c>-no-reboot</c> so that a
/// kernel panic (<c>panic=-1</c>) or a reboot ends QEMU at once.
/// </summary>
public static class QemuLauncher
{
    public const string Qemu = "qemu-system-x86_64";
    public const string OvmfDirectory = "/usr/share/OVMF";
    public const string OvmfCode = OvmfDirectory + "/OVMF_CODE_4M.fd";
    public const string OvmfVars = OvmfDirectory + "/OVMF_VARS_4M.fd";
    public const string OvmfCodeSecureBoot = OvmfDirectory + "/OVMF_CODE_4M.ms.fd";
    public const string OvmfVarsSecureBoot = OvmfDirectory + "/OVMF_VARS_4M.ms.fd";

    /// <summary>Creates the VM's directory, an empty sparse disk and (UEFI) its own copy of the variable store.</summary>
    public static void Prepare(QemuVmSpec vm)
    {
        Directory.CreateDirectory(vm.Directory);
        if (!File.Exists(vm.DiskPath))
        {
            using var disk = new FileStream(vm.DiskPath, FileMode.CreateNew, FileAccess.Write);
            disk.SetLength(vm.DiskBytes);
        }
        if (LabNames.IsUefi(vm.Firmware) && !File.Exists(vm.VarsPath))
            File.Copy(vm.Firmware == LabFirmware.SecureBoot ? OvmfVarsSecureBoot : OvmfVars, vm.VarsPath);
    }

    /// <summary>The QEMU command line (without the namespace prefix).</summary>
    public static IReadOnlyList<string> Arguments(QemuVmSpec vm)
    {
        var args = new List<string>
        {
            Qemu, "-name", vm.Name, "-accel", "tcg", "-m", vm.MemoryMiB.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-nographic", "-serial", $"file:{vm.SerialLogPath}", "-monitor", "none", "-no-reboot",
        };
        if (LabNames.IsUefi(vm.Firmware))
        {
            var secure = vm.Firmware == LabFirmware.SecureBoot;
            // The Secure Boot build keeps its variables in SMM: q35 with SMM and a secure flash.
            args.AddRange(["-machine", secure ? "q35,smm=on" : "q35"]);
            if (secure) args.AddRange(["-global", "driver=cfi.pflash01,property=secure,value=on"]);
            args.AddRange(["-drive", $"if=pflash,format=raw,unit=0,readonly=on,file={(secure ? OvmfCodeSecureBoot : OvmfCode)}"]);
            args.AddRange(["-drive", $"if=pflash,format=raw,unit=1,file={vm.VarsPath}"]);
            // OVMF's network boot options, from fw_cfg: IPv4 only (the lab has no IPv6 boot server), and for HTTP Boot no PXE.
            args.AddRange(["-fw_cfg", "name=opt/org.tianocore/IPv6Support,string=no"]);
            if (vm.Firmware == LabFirmware.UefiHttp) args.AddRange(["-fw_cfg", "name=opt/org.tianocore/IPv4PXESupport,string=no"]);
        }
        else
        {
            args.AddRange(["-machine", "pc"]);
        }

        var model = vm.Nic == LabNic.Virtio ? "virtio-net-pci" : "e1000";
        // SeaBIOS boots through QEMU's iPXE option ROM (the default romfile); UEFI uses OVMF's own network stack: no ROM.
        var (nicIndex, diskIndex) = vm.DiskFirst ? (2, 1) : (1, 2);
        var device = $"{model},netdev=net0,mac={vm.Mac},bootindex={nicIndex}";
        if (LabNames.IsUefi(vm.Firmware)) device += ",romfile=";
        args.AddRange(["-netdev", $"tap,id=net0,ifname={vm.Tap},script=no,downscript=no", "-device", device]);
        args.AddRange(["-drive", $"file={vm.DiskPath},format=raw,if=none,id=disk0", "-device", $"virtio-blk-pci,drive=disk0,bootindex={diskIndex}"]);
        return args;
    }

    /// <summary>Starts the VM inside the namespace; it runs until it powers off (or is stopped).</summary>
    public static LabProcess Start(LabNetwork network, QemuVmSpec vm)
    {
        Prepare(vm);
        // Each power-on gets a fresh console log; the previous one is kept as serial.log.1 (and so on).
        if (File.Exists(vm.SerialLogPath) && new FileInfo(vm.SerialLogPath).Length > 0)
        {
            var n = 1;
            while (File.Exists($"{vm.SerialLogPath}.{n}")) n++;
            File.Move(vm.SerialLogPath, $"{vm.SerialLogPath}.{n}");
        }
        File.WriteAllText(vm.SerialLogPath, "");
        return LabProcess.Start($"VM {vm.Name}", network.Exec([.. Arguments(vm)]), vm.QemuLogPath, vm.PidPath);
    }

    /// <summary>A tap name (at most 15 characters) for a VM name.</summary>
    public static string TapName(string vmName)
    {
        var clean = new string(vmName.Where(char.IsAsciiLetterOrDigit).ToArray());
        return "fbt-" + (clean.Length > 11 ? clean[..11] : clean);
    }
}
