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
        var output = Output("hpa", size);
        // tftp-hpa sends no options: 512-byte blocks, so 64 MiB + 1 crosses the 65535 block-number rollover twice.
        var result = await ExternalTool.RunAsync(tftp, ["127.0.0.1", Port(server), "-m", "octet", "-c", "get", InteropFiles.Name(size), output], ClientTimeout);
        result.ExitCode.ShouldBe(0, result.ToString());
        InteropFiles.HashOf(output).ShouldBe(files.Hash(InteropFiles.Name(size)));
        var done = await server.Events.WaitForAsync(e => e.Outcome == "ok");
        done.Data!["blksize"].ShouldBe("512");
        done.Data["bytes"].ShouldBe(size.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task AtftpGet_Blksize1468_ReceivesIdenticalBytes(int size)
    {
        var atftp = ExternalTool.Require("atftp", "atftp");
        await using var server = await TftpTestServer.StartAsync(files.Root);
        var output = Output("atftp", size);
        var result = await ExternalTool.RunAsync(atftp, ["--get", "-r", InteropFiles.Name(size), "-l", output, "--option", "blksize 1468", "127.0.0.1", Port(server)], ClientTimeout);
        result.ExitCode.ShouldBe(0, result.ToString());
        InteropFiles.HashOf(output).ShouldBe(files.Hash(InteropFiles.Name(size)));
        var done = await server.Events.WaitForAsync(e => e.Outcome == "ok");
        done.Data!["blksize"].ShouldBe("1468");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task AtftpGet_Windowsize16_ReceivesIdenticalBytes(int size)
    {
        var atftp = ExternalTool.Require("atftp", "atftp");
        await using var server = await TftpTestServer.StartAsync(files.Root);
        var output = Output("atftpw", size);
        var result = await ExternalTool.RunAsync(atftp, ["--get", "-r", InteropFiles.Name(size), "-l", output, "--option", "blksize 1468", "--option", "windowsize 16", "127.0.0.1", Port(server)], ClientTimeout);
        result.ExitCode.ShouldBe(0, result.ToString());
        InteropFiles.HashOf(output).ShouldBe(files.Hash(InteropFiles.Name(size)));
        var done = await server.Events.WaitForAsync(e => e.Outcome == "ok");
        done.Data!["windowsize"].ShouldBe("16");
    }

    [Theory]
    [MemberData(nameof(CurlSizes))]
    public async Task CurlGet_TftpBlksize1468_ReceivesIdenticalBytes(int size)
    {
        var curl = ExternalTool.Require("curl", "curl");
        await using var server = await TftpTestServer.StartAsync(files.Root);
        var output = Output("curl", size);
        var result = await ExternalTool.RunAsync(curl, ["-sS", "--fail", "-o", output, "--tftp-blksize", "1468", $"tftp://127.0.0.1:{Port(server)}/{InteropFiles.Name(size)}"], ClientTimeout);
        result.ExitCode.ShouldBe(0, result.ToString());
        InteropFiles.HashOf(output).ShouldBe(files.Hash(InteropFiles.Name(size)));
    }

    [Fact]
    public async Task CurlGet_SinglePortMode_ReceivesIdenticalBytes()
    {
        var curl = ExternalTool.Require("curl", "curl");
        await using var server = await TftpTestServer.StartAsync(files.Root, o => o with { SinglePort = true });
        var output = Output("curl-single", InteropFiles.Big);
        var result = await ExternalTool.RunAsync(curl, ["-sS", "--fail", "-o", output, "--tftp-blksize", "1468", $"tftp://127.0.0.1:{Port(server)}/{InteropFiles.Name(InteropFiles.Big)}"], ClientTimeout);
        result.ExitCode.ShouldBe(0, result.ToString());
        InteropFiles.HashOf(output).ShouldBe(files.Hash(InteropFiles.Name(InteropFiles.Big)));
    }

    [Fact]
    public async Task AtftpGet_SinglePortModeWindowed_ReceivesIdenticalBytes()
    {
        var atftp = ExternalTool.Require("atftp", "atftp");
        await using var server = await TftpTestServer.StartAsync(files.Root, o => o with { SinglePort = true });
        var output = Output("atftp-single", InteropFiles.Big);
        var result = await ExternalTool.RunAsync(atftp, ["--get", "-r", InteropFiles.Name(InteropFiles.Big), "-l", output, "--option", "blksize 1468", "--option", "windowsize 16", "127.0.0.1", Port(server)], ClientTimeout);
        result.ExitCode.ShouldBe(0, result.ToString());
        InteropFiles.HashOf(output).ShouldBe(files.Hash(InteropFiles.Name(InteropFiles.Big)));
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

    private string Output(string client, int size) => Path.Join(files.DownloadDirectory, $"{client}-{size}.out");

    private static string Port(TftpTestServer server) => server.Port.ToString(CultureInfo.InvariantCulture);
}
