using System.Globalization;
using System.Net;
using System.Text;
using Fleetboot.Core.Machines;
using Fleetboot.Tftp.Tests.Support;

namespace Fleetboot.Tftp.Tests;

public sealed class TftpVirtualFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("pxelinux.cfg/01-aa-bb-cc-dd-ee-0f", TftpVirtualFileKind.PxelinuxMac, "aa:bb:cc:dd:ee:0f", null, null)]
    [InlineData("pxelinux.cfg/01-AA-BB-CC-DD-EE-0F", TftpVirtualFileKind.PxelinuxMac, "aa:bb:cc:dd:ee:0f", null, null)]
    [InlineData("pxelinux.cfg/C0A80A05", TftpVirtualFileKind.PxelinuxIpPrefix, null, "192.168.10.5", "C0A80A05")]
    [InlineData("pxelinux.cfg/C0A80", TftpVirtualFileKind.PxelinuxIpPrefix, null, null, "C0A80")]
    [InlineData("pxelinux.cfg/c", TftpVirtualFileKind.PxelinuxIpPrefix, null, null, "C")]
    [InlineData("pxelinux.cfg/default", TftpVirtualFileKind.PxelinuxDefault, null, null, null)]
    [InlineData("grub/grub.cfg-01-52-54-00-12-34-56", TftpVirtualFileKind.GrubMac, "52:54:00:12:34:56", null, null)]
    [InlineData("grub/grub.cfg-10.0.0.7", TftpVirtualFileKind.GrubIp, null, "10.0.0.7", "0A000007")]
    [InlineData("grub/grub.cfg-0A000007", TftpVirtualFileKind.GrubIp, null, "10.0.0.7", "0A000007")]
    [InlineData("grub/grub.cfg-0A00", TftpVirtualFileKind.GrubIp, null, null, "0A00")]
    [InlineData("grub/grub.cfg", TftpVirtualFileKind.GrubDefault, null, null, null)]
    [InlineData("boot.ipxe", TftpVirtualFileKind.IpxeBoot, null, null, null)]
    [InlineData("autoexec.ipxe", TftpVirtualFileKind.IpxeAutoexec, null, null, null)]
    public void TryParse_KnownNames_ExtractsKindMacAndIp(string path, TftpVirtualFileKind kind, string? mac, string? ip, string? hex)
    {
        TftpVirtualFileName.TryParse(path, out var name).ShouldBeTrue();
        name.Path.ShouldBe(path);
        name.Kind.ShouldBe(kind);
        name.Mac?.ToString().ShouldBe(mac);
        if (mac is null) name.Mac.ShouldBeNull();
        name.IpAddress?.ToString().ShouldBe(ip);
        if (ip is null) name.IpAddress.ShouldBeNull();
        name.IpPrefixHex.ShouldBe(hex);
    }

    [Theory]
    [InlineData("pxelinux.0")]
    [InlineData("pxelinux.cfg/01-aa-bb-cc-dd-ee")]
    [InlineData("pxelinux.cfg/02-aa-bb-cc-dd-ee-ff")]
    [InlineData("pxelinux.cfg/C0A80A05F")]
    [InlineData("pxelinux.cfg/G0")]
    [InlineData("pxelinux.cfg/b8945908-d6a6-41a9-611d-74a6ab80b83d")]
    [InlineData("grub/grub.cfg-999.1.1.1")]
    [InlineData("grub/grub.cfg-01-aabbccddeeff")]
    [InlineData("grub/x86_64-efi/normal.mod")]
    [InlineData("sub/boot.ipxe")]
    [InlineData("")]
    public void TryParse_OtherNames_ReturnsFalse(string path) =>
        TftpVirtualFileName.TryParse(path, out _).ShouldBeFalse();

    [Fact]
    public async Task PerMacFiles_RenderedByVirtualSource_ServedWithRightContent()
    {
        var tftp = ExternalTool.Require("tftp", "tftp-hpa");
        var atftp = ExternalTool.Require("atftp", "atftp");
        var curl = ExternalTool.Require("curl", "curl");
        var source = new FixedVirtualFileSource();
        await using var server = await TftpTestServer.StartAsync(virtualFiles: source);
        using var downloads = new TempDirectory();
        var port = server.Port.ToString(CultureInfo.InvariantCulture);
        var client = new IPEndPoint(IPAddress.Loopback, 0);

        var pxe = downloads.File("pxe");
        (await ExternalTool.RunAsync(tftp, ["127.0.0.1", port, "-m", "octet", "-c", "get", "pxelinux.cfg/01-52-54-00-aa-bb-cc", pxe], TimeSpan.FromSeconds(30))).ExitCode.ShouldBe(0);
        var grub = downloads.File("grub");
        (await ExternalTool.RunAsync(atftp, ["--get", "-r", "/grub/grub.cfg-01-52-54-00-aa-bb-cd", "-l", grub, "--option", "blksize 1468", "127.0.0.1", port], TimeSpan.FromSeconds(30))).ExitCode.ShouldBe(0);
        var ipxe = downloads.File("ipxe");
        (await ExternalTool.RunAsync(curl, ["-sS", "--fail", "-o", ipxe, $"tftp://127.0.0.1:{port}/boot.ipxe"], TimeSpan.FromSeconds(30))).ExitCode.ShouldBe(0);

        (await File.ReadAllTextAsync(pxe, Ct)).ShouldBe(Expected("pxelinux.cfg/01-52-54-00-aa-bb-cc"));
        (await File.ReadAllTextAsync(grub, Ct)).ShouldBe(Expected("grub/grub.cfg-01-52-54-00-aa-bb-cd"));
        (await File.ReadAllTextAsync(ipxe, Ct)).ShouldBe(Expected("boot.ipxe"));
        var pxeEvent = await server.Events.WaitForAsync(e => e.Message.StartsWith("pxelinux.cfg/", StringComparison.Ordinal) && e.Outcome == "ok");
        pxeEvent.Mac.ShouldBe("52:54:00:aa:bb:cc");
        pxeEvent.Kind.ShouldBe("tftp.transfer");
        (await server.Events.WaitForAsync(e => e.Message.StartsWith("grub/", StringComparison.Ordinal) && e.Outcome == "ok")).Mac.ShouldBe("52:54:00:aa:bb:cd");

        static string Expected(string path)
        {
            TftpVirtualFileName.TryParse(path, out var name).ShouldBeTrue();
            return FixedVirtualFileSource.Render(name, new IPEndPoint(IPAddress.Loopback, 0));
        }
    }

    [Fact]
    public async Task VirtualSource_ReturnsNull_FallsBackToDisk()
    {
        var source = new FixedVirtualFileSource("pxelinux.cfg/default");
        await using var server = await TftpTestServer.StartAsync(virtualFiles: source);
        Directory.CreateDirectory(Path.Join(server.Root, "pxelinux.cfg"));
        await File.WriteAllTextAsync(Path.Join(server.Root, "pxelinux.cfg", "default"), "DEFAULT local\n", Ct);
        using var client = new RawTftpClient();
        Encoding.ASCII.GetString(await client.DownloadAsync(server.Endpoint, "pxelinux.cfg/default")).ShouldBe("DEFAULT local\n");
        source.Requests.Select(r => r.Path).ShouldBe(["pxelinux.cfg/default"]);
    }

    [Fact]
    public async Task VirtualSource_OrdinaryFile_IsNotConsulted()
    {
        var source = new FixedVirtualFileSource();
        await using var server = await TftpTestServer.StartAsync(virtualFiles: source);
        await File.WriteAllBytesAsync(Path.Join(server.Root, "undionly.kpxe"), [5, 5], Ct);
        using var client = new RawTftpClient();
        (await client.DownloadAsync(server.Endpoint, "undionly.kpxe")).ShouldBe(new byte[] { 5, 5 });
        source.Requests.ShouldBeEmpty();
    }

    [Fact]
    public void MacAddress_FromParsedName_MatchesCoreType()
    {
        TftpVirtualFileName.TryParse("pxelinux.cfg/01-00-1b-21-3c-4d-5e", out var name).ShouldBeTrue();
        name.Mac.ShouldBe(MacAddress.Parse("00:1b:21:3c:4d:5e"));
    }
}
