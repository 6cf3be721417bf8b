using Fleetboot.Core.Dhcp;

namespace Fleetboot.Dhcp.Tests.Integration;

/// <summary>Real network boot firmware (iPXE's BIOS ROM under SeaBIOS in QEMU) against the server, inside test namespaces.</summary>
[Collection(nameof(NetnsCollection))]
public sealed class FirmwareTests
{
    [Fact]
    public async Task IpxeBiosRom_FullMode_GetsLeaseAndBootScriptUrl()
    {
        TestNetwork.Require("qemu-system-x86_64");
        if (!File.Exists("/usr/lib/ipxe/qemu/pxe-virtio.rom") && !File.Exists("/usr/lib/ipxe/qemu/efi-virtio.rom"))
            throw new InvalidOperationException("this test needs QEMU's iPXE ROMs (Debian package ipxe-qemu; ./test.sh as root installs it)");
        var ct = TestContext.Current.CancellationToken;
        await using var net = await TestNetwork.CreateAsync();
        var srv = await net.AddHostAsync("srv", "10.9.0.1/24");
        var vmNs = await net.AddTapAsync("fbtap0");
        var logger = new TestLogger<DhcpServer>();
        var store = new MemoryLeaseStore();
        await using var server = FullModeClientTests.Server(FullModeClientTests.Options(), srv, store, logger);
        await server.StartAsync(ct);

        // iPXE prints "Filename: <file>" once it has an ACK; QEMU is killed when the network is disposed.
        var (qemu, bound) = net.StartIn(vmNs, "Filename:", "qemu-system-x86_64", "-nographic", "-m", "256", "-boot", "n", "-no-reboot",
            "-netdev", "tap,id=n0,ifname=fbtap0,script=no,downscript=no", "-device", "virtio-net-pci,netdev=n0,mac=52:54:00:12:34:70");
        try
        {
            await bound.WaitAsync(TimeSpan.FromSeconds(90), ct);
        }
        catch (TimeoutException)
        {
            throw new ShouldAssertException($"iPXE got no boot file within 90 s\n{logger.Dump()}");
        }

        var lease = store.Rows.Values.ShouldHaveSingleItem();
        lease.Mac.ToString().ShouldBe("52:54:00:12:34:70");
        lease.State.ShouldBe(DhcpLeaseState.Active);
        logger.Lines.ShouldContain(l => l.Contains("-> Ack") && l.Contains("http://10.9.0.1:8080/boot.ipxe"));
        qemu.HasExited.ShouldBeFalse();
    }
}
