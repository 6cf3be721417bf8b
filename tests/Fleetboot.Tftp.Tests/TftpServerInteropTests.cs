using System.Globalization;
using Fleetboot.Tftp.Tests.Support;

namespace Fleetboot.Tftp.Tests;

/// <summary>Real Debian clients (tftp-hpa, atftp, curl) against the in-process server on loopback; files compared by SHA-256.</summary>
public sealed class TftpServerInteropTests(InteropFiles files) : IClassFixture<InteropFiles>
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromMinutes(2);

    public static TheoryData<int> Sizes => [0, 512, 1468, InteropFiles.Big];

    // curl 7.88.1 (Debian 12) exits 71 "getpeername() failed" on any empty TFTP file, against tftpd-hpa and atftpd too;
    // the 0-byte case is covered by tftp-hpa and atftp.
    public static TheoryData<int> CurlSizes => [512, 1468, InteropFiles.Big];

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task TftpHpaGet_OctetFile_ReceivesIdenticalBytes(int size)
    {
        var tftp = ExternalTool.Require("tftp", "tftp-hpa");
        await using var server = await TftpTestServer.StartAsync(files.Root);
        // tftp-hpa sends no options: 512-byte blocks, so 64 MiB + 1 crosses the 65535 block-number rollover twice.
        await GetIdenticalAsync(tftp, "hpa", size, (name, output) => ["127.0.0.1", Port(server), "-m", "octet", "-c", "get", name, output]);
        var done = await server.Events.WaitForAsync(e => e.Outcome == "ok");
        done.Data!["blksize"].ShouldBe("512");
        done.Data["bytes"].ShouldBe(size.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task AtftpGet_Blksize1468_ReceivesIdenticalBytes(int size)
    {
        await using var server = await TftpTestServer.StartAsync(files.Root);
        await AtftpGetAsync(server, "atftp", size, "blksize 1468");
        var done = await server.Events.WaitForAsync(e => e.Outcome == "ok");
        done.Data!["blksize"].ShouldBe("1468");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task AtftpGet_Windowsize16_ReceivesIdenticalBytes(int size)
    {
        await using var server = await TftpTestServer.StartAsync(files.Root);
        await AtftpGetAsync(server, "atftpw", size, "blksize 1468", "windowsize 16");
        var done = await server.Events.WaitForAsync(e => e.Outcome == "ok");
        done.Data!["windowsize"].ShouldBe("16");
    }

    [Theory]
    [MemberData(nameof(CurlSizes))]
    public async Task CurlGet_TftpBlksize1468_ReceivesIdenticalBytes(int size)
    {
        await using var server = await TftpTestServer.StartAsync(files.Root);
        await CurlGetAsync(server, "curl", size);
    }

    [Fact]
    public async Task CurlGet_SinglePortMode_ReceivesIdenticalBytes()
    {
        await using var server = await TftpTestServer.StartAsync(files.Root, o => o with { SinglePort = true });
        await CurlGetAsync(server, "curl-single", InteropFiles.Big);
    }

    [Fact]
    public async Task AtftpGet_SinglePortModeWindowed_ReceivesIdenticalBytes()
    {
        await using var server = await TftpTestServer.StartAsync(files.Root, o => o with { SinglePort = true });
        await AtftpGetAsync(server, "atftp-single", InteropFiles.Big, "blksize 1468", "windowsize 16");
    }

    [Fact]
    public async Task TftpHpaPut_AnyFile_IsRefusedWithAccessViolation()
    {
        var tftp = ExternalTool.Require("tftp", "tftp-hpa");
        await using var server = await TftpTestServer.StartAsync(files.Root);
        var local = Path.Join(files.DownloadDirectory, "upload.txt");
        await File.WriteAllTextAsync(local, "should never arrive", TestContext.Current.CancellationToken);
        var result = await ExternalTool.RunAsync(tftp, ["127.0.0.1", Port(server), "-m", "octet", "-c", "put", local, "uploaded.txt"], ClientTimeout);
        (result.StandardOutput + result.StandardError).ShouldContain("Error code 2");
        File.Exists(Path.Join(files.Root, "uploaded.txt")).ShouldBeFalse();
        (await server.Events.WaitForAsync(e => e.Outcome == "access-denied")).Message.ShouldContain("read-only");
    }

    [Fact]
    public async Task TftpHpaGet_Netascii_ConvertsLineEndingsBackExactly()
    {
        var tftp = ExternalTool.Require("tftp", "tftp-hpa");
        using var root = new TempDirectory();
        const string text = "line one\nline two\r\nbare\rcr\n\nend";
        await File.WriteAllTextAsync(root.File("notes.txt"), text, TestContext.Current.CancellationToken);
        await using var server = await TftpTestServer.StartAsync(root.Path);
        var output = Path.Join(files.DownloadDirectory, "notes-netascii.txt");
        var result = await ExternalTool.RunAsync(tftp, ["127.0.0.1", Port(server), "-m", "netascii", "-c", "get", "notes.txt", output], ClientTimeout);
        result.ExitCode.ShouldBe(0, result.ToString());
        (await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken)).ShouldBe(text);
    }

    [Fact]
    public async Task TftpHpaGet_MissingFile_FailsWithFileNotFound()
    {
        var tftp = ExternalTool.Require("tftp", "tftp-hpa");
        await using var server = await TftpTestServer.StartAsync(files.Root);
        var output = Path.Join(files.DownloadDirectory, "missing.out");
        var result = await ExternalTool.RunAsync(tftp, ["127.0.0.1", Port(server), "-m", "octet", "-c", "get", "no-such-file", output], ClientTimeout);
        (result.StandardOutput + result.StandardError).ShouldContain("Error code 1");
        await server.Events.WaitForAsync(e => e.Outcome == "not-found");
        server.Logger.Entries.ShouldContain(e => e.EventId.Id == 3003 && e.Level == Microsoft.Extensions.Logging.LogLevel.Debug);
    }

    /// <summary>
    /// Runs <paramref name="tool"/> with the arguments that fetch the <paramref name="size"/>-byte file (given its name and the
    /// local output path) and checks that it exits 0 and that the file arrived byte for byte.
    /// </summary>
    private async Task GetIdenticalAsync(string tool, string client, int size, Func<string, string, string[]> arguments)
    {
        var name = InteropFiles.Name(size);
        var output = Output(client, size);
        var result = await ExternalTool.RunAsync(tool, arguments(name, output), ClientTimeout);
        result.ExitCode.ShouldBe(0, result.ToString());
        InteropFiles.HashOf(output).ShouldBe(files.Hash(name));
    }

    private Task AtftpGetAsync(TftpTestServer server, string client, int size, params string[] options) =>
        GetIdenticalAsync(ExternalTool.Require("atftp", "atftp"), client, size,
            (name, output) => ["--get", "-r", name, "-l", output, .. options.SelectMany(o => new[] { "--option", o }), "127.0.0.1", Port(server)]);

    private Task CurlGetAsync(TftpTestServer server, string client, int size) =>
        GetIdenticalAsync(ExternalTool.Require("curl", "curl"), client, size,
            (name, output) => ["-sS", "--fail", "-o", output, "--tftp-blksize", "1468", $"tftp://127.0.0.1:{Port(server)}/{name}"]);

    private string Output(string client, int size) => Path.Join(files.DownloadDirectory, $"{client}-{size}.out");

    private static string Port(TftpTestServer server) => server.Port.ToString(CultureInfo.InvariantCulture);
}
