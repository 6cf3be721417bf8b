using System.Net;
using Fleetboot.Core.Abstractions;

namespace Fleetboot.Http.Tests.Boot;

/// <summary>
/// The TFTP root's loaders over HTTP at the base URL: full and proxy DHCP hand UEFI HTTP Boot clients
/// <c>http://SERVER:PORT/ipxe.efi</c>, which must then be there.
/// </summary>
public sealed class LoaderFilesTests : IAsyncLifetime
{
    private readonly byte[] _loader = Enumerable.Range(0, 50_000).Select(i => (byte)(i * 13)).ToArray();
    private FleetbootTestServer _server = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FleetbootTestServer.StartAsync();
        _http = _server.CreateClient();
        var tftp = Path.Combine(_server.DataDirectory, "tftp");
        Directory.CreateDirectory(Path.Combine(tftp, "grub"));
        await File.WriteAllBytesAsync(Path.Combine(tftp, "test-loader.efi"), _loader);
        await File.WriteAllTextAsync(Path.Combine(tftp, "grub", "grub.cfg"), "set timeout=1\n");
        await File.WriteAllTextAsync(Path.Combine(tftp, "ipxe"), "a file that an endpoint's path shadows");
        await File.WriteAllTextAsync(Path.Combine(_server.DataDirectory, "secret.txt"), "outside the root");
        File.CreateSymbolicLink(Path.Combine(tftp, "escape"), Path.Combine(_server.DataDirectory, "secret.txt"));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Get_LoaderInTftpRoot_ReturnsItsBytes()
    {
        var response = await _http.GetAsync("/test-loader.efi");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentLength.ShouldBe(_loader.Length);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(_loader);
        (await _http.GetStringAsync("/grub/grub.cfg")).ShouldBe("set timeout=1\n");
    }

    [Fact]
    public async Task Get_Loader_IsRecordedAsHttpLoaderEvent()
    {
        await _http.GetByteArrayAsync("/test-loader.efi");

        var events = _server.Get<IBootEventStore>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        IReadOnlyList<Core.Events.BootEvent> latest = [];
        while (!timeout.IsCancellationRequested && !latest.Any(e => e.Kind == "http.loader"))
        {
            latest = await events.ListLatestAsync(20, CancellationToken.None);
            await Task.Delay(50, CancellationToken.None);
        }
        latest.ShouldContain(e => e.Kind == "http.loader" && e.Outcome == "ok" && e.Data != null && e.Data["path"] == "/test-loader.efi");
    }

    [Fact]
    public async Task Get_PathOfAnEndpoint_AnswersFromTheEndpointNotTheFile()
    {
        var body = await _http.GetStringAsync("/ipxe?mac=52:54:00:aa:bb:99");

        body.ShouldStartWith("#!ipxe");
    }

    [Theory]
    [InlineData("/missing.efi")]
    [InlineData("/../secret.txt")]
    [InlineData("/%2e%2e/secret.txt")]
    [InlineData("/escape")]
    public async Task Get_MissingOrOutsideRoot_Returns404(string rawPath)
    {
        (await RawHttp.GetStatusAsync(_server.Port, rawPath)).ShouldBe(404);
    }

    [Fact]
    public async Task Post_Loader_IsNotServed()
    {
        var response = await _http.PostAsync("/test-loader.efi", new ByteArrayContent([]));

        response.StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }
}
