using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Fleetboot.Http.Tests.Boot;

public sealed class AssetFilesTests : IAsyncLifetime
{
    private FleetbootTestServer _server = null!;
    private HttpClient _http = null!;
    private readonly byte[] _kernel = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();

    public async ValueTask InitializeAsync()
    {
        _server = await FleetbootTestServer.StartAsync();
        _http = _server.CreateClient();
        var assets = Path.Combine(_server.DataDirectory, "assets");
        Directory.CreateDirectory(Path.Combine(assets, "debian"));
        await File.WriteAllBytesAsync(Path.Combine(assets, "debian", "linux"), _kernel);
        await File.WriteAllTextAsync(Path.Combine(_server.DataDirectory, "secret.txt"), "outside the root");
        File.CreateSymbolicLink(Path.Combine(assets, "escape"), Path.Combine(_server.DataDirectory, "secret.txt"));
        File.CreateSymbolicLink(Path.Combine(assets, "escape-dir"), _server.DataDirectory);
        File.CreateSymbolicLink(Path.Combine(assets, "kernel-link"), Path.Combine(assets, "debian", "linux"));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Get_File_ReturnsBytesLengthAndETag()
    {
        var response = await _http.GetAsync("/assets/debian/linux");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentLength.ShouldBe(_kernel.Length);
        response.Headers.ETag.ShouldNotBeNull();
        Sha(await response.Content.ReadAsByteArrayAsync()).ShouldBe(Sha(_kernel));
    }

    [Fact]
    public async Task Head_File_ReturnsLengthWithoutBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/assets/debian/linux");
        var response = await _http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentLength.ShouldBe(_kernel.Length);
        (await response.Content.ReadAsByteArrayAsync()).Length.ShouldBe(0);
    }

    [Fact]
    public async Task Get_Range_ReturnsPartialContent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/assets/debian/linux");
        request.Headers.Range = new RangeHeaderValue(1000, 1999);
        var response = await _http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        response.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes 1000-1999/{_kernel.Length}");
        Sha(await response.Content.ReadAsByteArrayAsync()).ShouldBe(Sha(_kernel[1000..2000]));
    }

    [Fact]
    public async Task Get_IfNoneMatchCurrentETag_Returns304()
    {
        var first = await _http.GetAsync("/assets/debian/linux");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/assets/debian/linux");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        (await _http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Theory]
    [InlineData("/assets/../secret.txt")]
    [InlineData("/assets/%2e%2e/secret.txt")]
    [InlineData("/assets/..%2fsecret.txt")]
    [InlineData("/assets/debian/..%2f..%2fsecret.txt")]
    [InlineData("/assets/%2e%2e%2fadmin.token")]
    [InlineData("/assets/escape")]
    [InlineData("/assets/escape-dir/secret.txt")]
    [InlineData("/assets/escape-dir/admin.token")]
    public async Task Get_PathLeavingRoot_Returns404(string rawPath)
    {
        (await RawHttp.GetStatusAsync(_server.Port, rawPath)).ShouldBe(404);
    }

    [Fact]
    public async Task Get_SymlinkInsideRoot_IsServed()
    {
        Sha(await _http.GetByteArrayAsync("/assets/kernel-link")).ShouldBe(Sha(_kernel));
    }

    private static string Sha(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));
}
