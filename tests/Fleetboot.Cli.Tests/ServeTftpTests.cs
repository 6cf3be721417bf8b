using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Profiles;

namespace Fleetboot.Cli.Tests;

/// <summary><c>serve</c> with TFTP on: loaders installed, per-machine files rendered by Core, fetched with tftp-hpa.</summary>
public sealed class ServeTftpTests : IAsyncLifetime
{
    private FleetbootTestServer _server = null!;
    private int _tftpPort;
    private Machine _machine = null!;

    public async ValueTask InitializeAsync()
    {
        _tftpPort = FreePort(SocketType.Dgram, ProtocolType.Udp);
        var httpPort = FreePort(SocketType.Stream, ProtocolType.Tcp);
        _server = await FleetbootTestServer.StartAsync(s => s with { Http = $"127.0.0.1:{httpPort}", Tftp = $"127.0.0.1:{_tftpPort}" });
        await _server.Get<ProfileCatalog>().AddAsync(new Profile
        {
            Id = "debian",
            Kernel = "/assets/linux",
            Initrds = ["/assets/initrd.gz"],
            Args = "console=ttyS0",
        }, CancellationToken.None);
        _machine = await _server.Get<MachineRegistry>().AddAsync(
            new MachineSpec { Macs = ["52:54:00:aa:bb:01"], Hostname = "pxe-1", StaticIp = "127.0.0.1", Profile = "debian" }, CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("pxelinux.cfg/01-52-54-00-aa-bb-01", "/pxelinux.cfg/01-52-54-00-aa-bb-01")]
    [InlineData("boot.ipxe", "/boot.ipxe")]
    public async Task Get_RenderedFile_MatchesTheHttpRender(string tftpPath, string httpPath)
    {
        using var http = _server.CreateClient();
        var expected = await http.GetStringAsync(httpPath);

        var fetched = await TftpGetAsync(tftpPath);

        fetched.ShouldBe(expected);
        fetched.ShouldContain(_server.BaseAddress.ToString().TrimEnd('/'));
    }

    [Fact]
    public async Task Get_PerMacGrubCfg_IsTheHttpRenderWithOurAssetsByTftp()
    {
        using var http = _server.CreateClient();
        var server = _server.BaseAddress.ToString().TrimEnd('/');
        var overHttp = await http.GetStringAsync("/grub?mac=52:54:00:aa:bb:01");

        var fetched = await TftpGetAsync("grub/grub.cfg-01-52-54-00-aa-bb-01");

        overHttp.ShouldContain($"linux (http,{_server.BaseAddress.Authority})/assets/linux");
        fetched.ShouldBe(overHttp.Replace($"(http,{_server.BaseAddress.Authority})/assets/", "(tftp,127.0.0.1)/assets/", StringComparison.Ordinal));
        fetched.ShouldContain($"fleetboot.server={server}");
    }

    [Fact]
    public async Task Get_GrubCfg_SendsGrubOnToItsPerMacConfig() =>
        (await TftpGetAsync("grub/grub.cfg")).ShouldContain("configfile (tftp,127.0.0.1)/grub/grub.cfg-01-${fb_m1}-");

    [Fact]
    public async Task Get_UnderAssets_IsServedFromTheDataAssetsDirectory()
    {
        var path = Path.Combine(_server.DataDirectory, "assets", "linux");
        await File.WriteAllBytesAsync(path, [7, 7, 7, 1]);

        (await TftpGetBytesAsync("assets/linux")).ShouldBe(new byte[] { 7, 7, 7, 1 });
    }

    [Fact]
    public async Task Get_PxelinuxByHexAddress_FindsTheMachineByItsStaticIp()
    {
        (await TftpGetAsync("pxelinux.cfg/7F000001")).ShouldContain("APPEND console=ttyS0");
    }

    [Fact]
    public async Task Get_InstalledLoader_IsServedFromTheRoot()
    {
        var path = Path.Combine(_server.DataDirectory, "tftp", "undionly.kpxe");
        File.Exists(path).ShouldBeTrue("serve installs the loaders from the ipxe package at start-up (test.sh installs ipxe)");

        var fetched = await TftpGetBytesAsync("undionly.kpxe");

        fetched.ShouldBe(await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Get_RenderedFile_IsOnTheMachineTimeline()
    {
        await TftpGetAsync("pxelinux.cfg/01-52-54-00-aa-bb-01");

        var events = _server.Get<IBootEventStore>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!(await events.ListForMachineAsync(_machine.Id, 50, CancellationToken.None)).Any(e => e.Kind == "tftp.transfer"))
            await Task.Delay(50, timeout.Token);
    }

    private async Task<string> TftpGetAsync(string path) => System.Text.Encoding.UTF8.GetString(await TftpGetBytesAsync(path));

    private async Task<byte[]> TftpGetBytesAsync(string path)
    {
        var target = Path.Combine(_server.DataDirectory, "fetched-" + Guid.NewGuid().ToString("n"));
        var start = new ProcessStartInfo("tftp", ["-m", "octet", "127.0.0.1", _tftpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "get", path, target])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("tftp (tftp-hpa) is not installed");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        File.Exists(target).ShouldBeTrue($"tftp get {path} failed: {output}");
        return await File.ReadAllBytesAsync(target);
    }

    private static int FreePort(SocketType type, ProtocolType protocol)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
