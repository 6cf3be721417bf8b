using System.CommandLine;
using Fleetboot.Cli.Lab.Installer;

namespace Fleetboot.Cli.Lab;

/// <summary>
/// <c>fleetboot lab up|boot|status|down|installer</c>: a network boot lab on this machine, no hardware needed.
/// Everything runs inside the network namespace <c>fblab</c>; VMs are QEMU with TCG (no KVM).
/// </summary>
public static class LabCommand
{
    public static Command Create()
    {
        var dir = new Option<string>("--dir") { Description = "Lab directory: data, logs, VM disks, download cache", DefaultValueFactory = _ => ".lab", Recursive = true };
        var command = new Command("lab", "A network boot lab: Fleetboot and QEMU VMs in a network namespace of their own") { dir };
        command.Subcommands.Add(Up(dir));
        command.Subcommands.Add(Boot(dir));
        command.Subcommands.Add(Status(dir));
        command.Subcommands.Add(Down(dir));
        command.Subcommands.Add(BuildInstaller(dir));
        return command;
    }

    private static Command Up(Option<string> dir)
    {
        var dhcp = new Option<string>("--dhcp")
        {
            Description = "DHCP on the lab bridge: fleetboot (serve --dhcp full), dnsmasq (dnsmasq gives addresses and boot files) "
                + "or proxy (dnsmasq gives addresses only, serve --dhcp proxy the boot files)",
            DefaultValueFactory = _ => "fleetboot",
        };
        dhcp.AcceptOnlyFromAmong(LabNames.DhcpChoices.Split('|'));
        var port = new Option<int>("--port") { Description = "HTTP port of the server", DefaultValueFactory = _ => 8080 };
        var kernel = new Option<string>("--kernel-package")
        {
            Description = "Debian kernel metapackage of the test installer (linux-image-amd64 for e1000 NICs: the cloud kernel has no e1000 driver)",
            DefaultValueFactory = _ => TestInstaller.DefaultKernelPackage,
        };
        var noRouter = new Option<bool>("--no-ipv6-router")
        {
            Description = "No IPv6 router on the bridge (by default dnsmasq sends router advertisements for fd77::/64; without them "
                + "iPXE waits about 16 s for IPv6 autoconfiguration on every boot)",
        };
        var command = new Command("up", "Create the namespace fblab with bridge fbbr0 (10.77.0.1/24, fd77::1/64), start fleetboot serve, DHCP and an IPv6 router in it")
            { dhcp, port, kernel, noRouter };
        command.SetAction((parse, ct) => Run(async () =>
        {
            var layout = LabLayout.At(parse.GetValue(dir)!);
            if (await LabSession.FindAsync(layout, ct) is not null || await LabNetwork.Default.ExistsAsync(ct))
                throw new LabException("a lab is already up; fleetboot lab down removes it");
            var started = DateTime.UtcNow;
            var session = await LabSession.UpAsync(LabNetwork.Default, layout, parse.GetValue(port),
                LabNames.TryParseDhcp(parse.GetValue(dhcp)!, out var mode) ? mode : LabDhcp.Fleetboot, hostLink: true, Say, ct,
                kernelPackage: parse.GetValue(kernel)!, ipv6Router: !parse.GetValue(noRouter));
            Say($"lab up in {(DateTime.UtcNow - started).TotalSeconds:0.0} s: VMs reach {session.ServerUrl}; from this host: http://{session.HostAddress}:{session.HttpPort}");
            Say($"admin token: {Path.Combine(layout.Data, "admin.token")}; next: fleetboot lab boot vm1 --firmware bios");
        }));
        return command;
    }

    private static Command Boot(Option<string> dir)
    {
        var name = new Argument<string>("name") { Description = "VM (and machine host) name" };
        var firmware = new Option<string>("--firmware") { Description = LabNames.FirmwareChoices, DefaultValueFactory = _ => "bios" };
        firmware.AcceptOnlyFromAmong("bios", "uefi", "uefi-http", "grub", "secureboot", "pxelinux");
        var nic = new Option<string>("--nic") { Description = "virtio or e1000", DefaultValueFactory = _ => "virtio" };
        nic.AcceptOnlyFromAmong("virtio", "e1000");
        var mac = new Option<string?>("--mac") { Description = "The VM's MAC (default: the machine's, or a newly allocated one)" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to follow the VM before leaving it running", DefaultValueFactory = _ => 900 };
        var detach = new Option<bool>("--detach") { Description = "Start the VM and return at once" };
        var memory = new Option<int>("--memory") { Description = "The VM's memory in MiB", DefaultValueFactory = _ => QemuVmSpec.DefaultMemoryMiB };
        var command = new Command("boot", "Start a QEMU VM (TCG) on the lab bridge, registered with the test installer profile, and follow its boot")
            { name, firmware, nic, mac, timeout, detach, memory };
        command.SetAction((parse, ct) => Run(async () =>
        {
            var layout = LabLayout.At(parse.GetValue(dir)!);
            var session = await LabSession.FindAsync(layout, ct) ?? throw new LabException("no lab is up: fleetboot lab up");
            if (!LabNames.TryParseFirmware(parse.GetValue(firmware)!, out var fw)) throw new LabException($"--firmware: one of {LabNames.FirmwareChoices}");
            var model = parse.GetValue(nic) == "e1000" ? LabNic.E1000 : LabNic.Virtio;
            var started = DateTime.UtcNow;
            var (vm, process, machine) = await session.BootAsync(parse.GetValue(name)!, fw, model, parse.GetValue(mac), ct, parse.GetValue(memory));
            Say($"{vm.Name}: {LabNames.Of(fw)}, {model.ToString().ToLowerInvariant()} {vm.Mac} on {vm.Tap}, machine {machine.Id}; serial console {vm.SerialLogPath}");
            if (parse.GetValue(detach)) return;
            using (process)
                await LabFollower.FollowAsync(layout, vm, process, machine.Id, started, TimeSpan.FromSeconds(parse.GetValue(timeout)), Say, ct);
        }));
        return command;
    }

    private static Command Status(Option<string> dir)
    {
        var command = new Command("status", "Show the lab: namespace, server, DHCP, IPv6 router, VMs and their last steps");
        command.SetAction((parse, ct) => Run(async () =>
        {
            var layout = LabLayout.At(parse.GetValue(dir)!);
            var session = await LabSession.FindAsync(layout, ct);
            if (session is null)
            {
                Say(await LabNetwork.Default.ExistsAsync(ct) ? "namespace fblab exists but no lab state: fleetboot lab down cleans it" : "no lab is up");
                return;
            }
            await LabFollower.PrintStatusAsync(session, Say, ct);
        }));
        return command;
    }

    private static Command Down(Option<string> dir)
    {
        var command = new Command("down", "Stop the lab's VMs, server, DHCP and IPv6 router and delete its namespace (idempotent; keeps logs and the cache)");
        command.SetAction((parse, ct) => Run(async () =>
        {
            var layout = LabLayout.At(parse.GetValue(dir)!);
            var network = (await LabSession.FindAsync(layout, ct))?.Network ?? LabNetwork.Default;
            await LabSession.DownAsync(network, layout, Say);
            Say("lab down");
        }));
        return command;
    }

    private static Command BuildInstaller(Option<string> dir)
    {
        var package = new Option<string>("--kernel-package") { Description = "Debian kernel metapackage", DefaultValueFactory = _ => TestInstaller.DefaultKernelPackage };
        var command = new Command("installer", "Build (or find in the cache) the test installer's kernel and initramfs and print their paths") { package };
        command.SetAction((parse, ct) => Run(async () =>
        {
            var layout = LabLayout.At(parse.GetValue(dir)!);
            var files = await TestInstaller.BuildAsync(layout.Cache, Say, ct, parse.GetValue(package)!);
            Say($"kernel {files.Kernel} ({files.KernelRelease})");
            Say($"initrd {files.Initrd} (modules: {string.Join(' ', files.Modules)})");
        }));
        return command;
    }

    private static void Say(string line) => Console.WriteLine($"lab: {line}");

    private static async Task<int> Run(Func<Task> action)
    {
        try
        {
            await action();
            return 0;
        }
        catch (LabException e)
        {
            await Console.Error.WriteLineAsync($"fleetboot lab: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("fleetboot lab: cancelled");
            return 130;
        }
    }
}
