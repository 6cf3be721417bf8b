using System.Net;
using Fleetboot.Protocols.Tftp;
using Fleetboot.Tftp.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Fleetboot.Tftp.Tests;

/// <summary>Protocol behaviour checked packet by packet with a byte-level client on loopback.</summary>
public sealed class TftpServerProtocolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadRequest_WithoutOptions_SendsDataBlockOneWithoutOack()
    {
        await using var server = await TftpTestServer.StartAsync();
        File.WriteAllBytes(Path.Join(server.Root, "a.bin"), new byte[700]);
        using var client = new RawTftpClient();
        client.SendRequest(server.Endpoint, "a.bin");
        var (block, payload, from) = await client.ReceiveDataAsync();
        block.ShouldBe((ushort)1);
        payload.Length.ShouldBe(512);
        from.Port.ShouldNotBe(server.Port); // RFC 1350: a fresh transfer identifier
    }

    [Fact]
    public async Task ReadRequest_SizeMultipleOfBlockSize_EndsWithEmptyBlock()
    {
        await using var server = await TftpTestServer.StartAsync();
        File.WriteAllBytes(Path.Join(server.Root, "b.bin"), new byte[1024]);
        using var client = new RawTftpClient();
        client.SendRequest(server.Endpoint, "b.bin");
        var first = await client.ReceiveDataAsync();
        client.SendAck(first.From, 1);
        var second = await client.ReceiveDataAsync();
        second.Payload.Length.ShouldBe(512);
        client.SendAck(first.From, 2);
        var third = await client.ReceiveDataAsync();
        third.Block.ShouldBe((ushort)3);
        third.Payload.Length.ShouldBe(0);
        client.SendAck(first.From, 3);
        (await server.Events.WaitForAsync(e => e.Outcome == "ok")).Data!["bytes"].ShouldBe("1024");
    }

    [Fact]
    public async Task ReadRequest_Options_OackCarriesOnlyAcceptedClampedOptions()
    {
        await using var server = await TftpTestServer.StartAsync(configure: o => o with { MaxBlockSize = 1468, MaxWindowSize = 64 });
        File.WriteAllBytes(Path.Join(server.Root, "c.bin"), new byte[5000]);
        using var client = new RawTftpClient();
        client.SendRequest(server.Endpoint, "c.bin", "octet",
            ("blksize", "100000"), ("tsize", "0"), ("windowsize", "9999"), ("timeout", "0"), ("x-vendor", "1"), ("multicast", ""));
        var (packet, _) = await client.ReceiveAsync();
        TftpCodec.TryReadOptionAck(packet, out var options, out var error).ShouldBeTrue(error);
        options.ShouldBe([new TftpOption("blksize", "1468"), new TftpOption("tsize", "5000"), new TftpOption("windowsize", "64")]);
    }

    [Fact]
    public async Task ReadRequest_AbsurdOptionValues_AreIgnoredAndDefaultsUsed()
    {
        await using var server = await TftpTestServer.StartAsync();
        File.WriteAllBytes(Path.Join(server.Root, "d.bin"), new byte[600]);
        using var client = new RawTftpClient();
        client.SendRequest(server.Endpoint, "d.bin", "octet", ("blksize", "4"), ("windowsize", "0"), ("timeout", "999"), ("blksize", "-1"));
        var (block, payload, _) = await client.ReceiveDataAsync(); // nothing accepted: no OACK, straight to DATA 1 of 512
        block.ShouldBe((ushort)1);
        payload.Length.ShouldBe(512);
    }

    [Fact]
    public async Task ForceBlockSize512_ClientAsksLarger_GetsNoBlksizeInOack()
    {
        await using var server = await TftpTestServer.StartAsync(configure: o => o with { ForceBlockSize512 = true });
        File.WriteAllBytes(Path.Join(server.Root, "e.bin"), new byte[3000]);
        using var client = new RawTftpClient();
        client.SendRequest(server.Endpoint, "e.bin", "octet", ("blksize", "1468"), ("tsize", "0"));
        var (packet, from) = await client.ReceiveAsync();
        TftpCodec.TryReadOptionAck(packet, out var options, out _).ShouldBeTrue();
        options.ShouldBe([new TftpOption("tsize", "3000")]);
        client.SendAck(from, 0);
        (await client.ReceiveDataAsync()).Payload.Length.ShouldBe(512);
    }

    [Fact]
    public async Task SizeProbe_ErrorAfterOack_EndsNormallyAsProbe()
    {
        await using var server = await TftpTestServer.StartAsync();
        File.WriteAllBytes(Path.Join(server.Root, "undionly.kpxe"), new byte[70000]);
        using var client = new RawTftpClient();
        client.SendRequest(server.Endpoint, "undionly.kpxe", "octet", ("tsize", "0"), ("blksize", "1456"));
        var (packet, from) = await client.ReceiveAsync();
        TftpCodec.TryReadOptionAck(packet, out var options, out _).ShouldBeTrue();
        options.ShouldContain(new TftpOption("tsize", "70000"));
        client.SendError(from, TftpErrorCode.OptionNegotiationFailed, "TFTP Aborted");
        var probe = await server.Events.WaitForAsync(_ => true);
        probe.Outcome.ShouldBe("ok");
        probe.Data!["probe"].ShouldBe("true");
        server.Logger.Entries.ShouldNotContain(e => e.Level >= LogLevel.Warning);
    }

    [Theory]
    [InlineData(2)] // on transfer loops
    [InlineData(0)] // asynchronous on the thread pool
    public async Task DuplicateAck_DoesNotTriggerRetransmission(int transferLoops)
    {
        await using var server = await TftpTestServer.StartAsync(configure: o => o with { Timeout = TimeSpan.FromSeconds(5), TransferLoops = transferLoops });
        File.WriteAllBytes(Path.Join(server.Root, "f.bin"), new byte[512 * 3 + 10]);
        using var client = new RawTftpClient();
        client.SendRequest(server.Endpoint, "f.bin");
        var one = await client.ReceiveDataAsync();
        client.SendAck(one.From, 1);
        client.SendAck(one.From, 1); // duplicate: Sorcerer's Apprentice would answer with a second DATA 2
        client.SendAck(one.From, 1);
        (await client.ReceiveDataAsync()).Block.ShouldBe((ushort)2);
        client.SendAck(one.From, 2);
        // The next packet must be DATA 3: any resent DATA 2 would arrive first.
        (await client.ReceiveDataAsync()).Block.ShouldBe((ushort)3);
    }

    [Theory]
    [InlineData(2)] // on transfer loops
    [InlineData(0)] // asynchronous on the thread pool
    public async Task Window_PartialAck_ResendsFromFirstUnacknowledgedBlock(int transferLoops)
    {
        await using var server = await TftpTestServer.StartAsync(configure: o => o with { Timeout = TimeSpan.FromSeconds(5), TransferLoops = transferLoops });
        File.WriteAllBytes(Path.Join(server.Root, "g.bin"), new byte[512 * 10]);
        using var client = new RawTftpClient();
        client.SendRequest(server.Endpoint, "g.bin", "octet", ("windowsize", "4"));
        var (_, from) = await client.ReceiveAsync(); // OACK
        client.SendAck(from, 0);
        var window = new List<ushort>();
        for (int i = 0; i < 4; i++) window.Add((await client.ReceiveDataAsync()).Block);
        window.ShouldBe([(ushort)1, 2, 3, 4]);
        client.SendAck(from, 2); // as if 3 was lost: go back to 3
        var next = new List<ushort>();
        for (int i = 0; i < 4; i++) next.Add((await client.ReceiveDataAsync()).Block);
        next.ShouldBe([(ushort)3, 4, 5, 6]);
    }

    [Theory]
    [InlineData(2)] // on transfer loops
    [InlineData(0)] // asynchronous on the thread pool
    public async Task Window_NoAck_RetransmitsWholeWindowAfterTimeout(int transferLoops)
    {
        await using var server = await TftpTestServer.StartAsync(configure: o => o with { Timeout = TimeSpan.FromMilliseconds(200), TransferLoops = transferLoops });
        File.WriteAllBytes(Path.Join(server.Root, "h.bin"), new byte[512 * 10]);
        using var client = new RawTftpClient();
        client.SendRequest(server.Endpoint, "h.bin", "octet", ("windowsize", "3"));
        var (_, from) = await client.ReceiveAsync();
        client.SendAck(from, 0);
        var blocks = new List<ushort>();
        for (int i = 0; i < 6; i++) blocks.Add((await client.ReceiveDataAsync()).Block);
        blocks.ShouldBe([(ushort)1, 2, 3, 1, 2, 3]);
    }

    [Theory]
    [InlineData(2)] // on transfer loops
    [InlineData(0)] // asynchronous on the thread pool
    public async Task VanishedClient_AfterRetries_RecordsTimeoutEvent(int transferLoops)
    {
        await using var server = await TftpTestServer.StartAsync(configure: o => o with { Timeout = TimeSpan.FromMilliseconds(100), Retries = 2, BackoffFactor = 1.0, TransferLoops = transferLoops });
        File.WriteAllBytes(Path.Join(server.Root, "i.bin"), new byte[2000]);
        using var client = new RawTftpClient();
        client.SendRequest(server.Endpoint, "i.bin");
        var timeout = await server.Events.WaitForAsync(e => e.Outcome == "timeout", TimeSpan.FromSeconds(10));
        timeout.Data!["bytes"].ShouldBe("0");
        timeout.Source.ShouldBe(client.LocalEndpoint.ToString());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public async Task StopAsync_TransferWaitingForAck_EndsPromptly(int transferLoops)
    {
        var server = await TftpTestServer.StartAsync(configure: o => o with { Timeout = TimeSpan.FromSeconds(30), TransferLoops = transferLoops });
        try
        {
            File.WriteAllBytes(Path.Join(server.Root, "slow.bin"), new byte[5000]);
            using var client = new RawTftpClient();
            client.SendRequest(server.Endpoint, "slow.bin");
            await client.ReceiveDataAsync(); // the transfer now waits 30 s for an ACK that never comes
            server.Server.ActiveTransfers.ShouldBe(1);
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await server.Server.StopAsync(cts.Token);
            stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
            server.Server.ActiveTransfers.ShouldBe(0);
            (await server.Events.WaitForAsync(_ => true)).Outcome.ShouldBe("aborted");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task ClientError_MidTransfer_RecordsAbortedEvent()
    {
        await using var server = await TftpTestServer.StartAsync();
        File.WriteAllBytes(Path.Join(server.Root, "j.bin"), new byte[5000]);
        using var client = new RawTftpClient();
        client.SendRequest(server.Endpoint, "j.bin");
        var one = await client.ReceiveDataAsync();
        client.SendAck(one.From, 1);
        await client.ReceiveDataAsync();
        client.SendError(one.From, TftpErrorCode.NotDefined, "user cancelled");
        var aborted = await server.Events.WaitForAsync(e => e.Outcome == "aborted");
        aborted.Data!["bytes"].ShouldBe("512");
        aborted.Message.ShouldContain("user cancelled");
    }

    [Fact]
    public async Task WriteRequest_AnyName_GetsAccessViolation()
    {
        await using var server = await TftpTestServer.StartAsync();
        using var client = new RawTftpClient();
        client.SendRequest(server.Endpoint, TftpOpcode.WriteRequest, "new.bin", "octet");
        var (packet, _) = await client.ReceiveAsync();
        TftpCodec.TryReadError(packet, out var error, out _).ShouldBeTrue();
        error.Code.ShouldBe(TftpErrorCode.AccessViolation);
        File.Exists(Path.Join(server.Root, "new.bin")).ShouldBeFalse();
    }

    [Fact]
    public async Task MissingFile_AnsweredAtOnceWithFileNotFound()
    {
        await using var server = await TftpTestServer.StartAsync();
        using var client = new RawTftpClient();
        client.SendRequest(server.Endpoint, "pxelinux.cfg/01-00-11-22-33-44-55");
        var (packet, _) = await client.ReceiveAsync(TimeSpan.FromSeconds(2));
        TftpCodec.TryReadError(packet, out var error, out _).ShouldBeTrue();
        error.Code.ShouldBe(TftpErrorCode.FileNotFound);
        var missing = await server.Events.WaitForAsync(e => e.Outcome == "not-found");
        missing.Mac.ShouldBe("00:11:22:33:44:55");
        server.Logger.Entries.ShouldContain(e => e.EventId.Id == 3003 && e.Level == LogLevel.Debug);
    }

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("/../secret.txt")]
    [InlineData("sub/../../secret.txt")]
    [InlineData("..\\secret.txt")]
    [InlineData("C:\\Windows\\win.ini")]
    [InlineData("escape-link")]
    [InlineData("escape-dir/secret.txt")]
    public async Task Traversal_OutsideRoot_GetsAccessViolationAndOneWarning(string filename)
    {
        using var outside = new TempDirectory("fbtftp-outside");
        outside.Write("secret.txt", "top secret"u8.ToArray());
        using var parent = new TempDirectory("fbtftp-parent");
        var root = Path.Join(parent.Path, "root");
        Directory.CreateDirectory(Path.Join(root, "sub"));
        File.WriteAllText(Path.Join(parent.Path, "secret.txt"), "parent secret");
        File.CreateSymbolicLink(Path.Join(root, "escape-link"), outside.File("secret.txt"));
        Directory.CreateSymbolicLink(Path.Join(root, "escape-dir"), outside.Path);
        await using var server = await TftpTestServer.StartAsync(root);
        using var client = new RawTftpClient();
        for (int attempt = 0; attempt < 3; attempt++)
        {
            client.SendRequest(server.Endpoint, filename);
            var (packet, _) = await client.ReceiveAsync();
            TftpCodec.TryReadError(packet, out var error, out _).ShouldBeTrue();
            error.Code.ShouldBe(TftpErrorCode.AccessViolation);
        }
        await server.Events.WaitForAsync(e => e.Outcome == "access-denied");
        var warnings = server.Logger.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        warnings.Count.ShouldBe(1);
        warnings[0].Message.ShouldContain(client.LocalEndpoint.ToString());
    }

    [Fact]
    public async Task AssetsRoot_PathsUnderAssets_AreServedFromItAndStayContained()
    {
        using var assets = new TempDirectory("fbtftp-assets");
        using var outside = new TempDirectory("fbtftp-outside");
        outside.Write("secret.txt", "top secret"u8.ToArray());
        Directory.CreateDirectory(assets.File("lab"));
        File.WriteAllBytes(assets.File("lab/vmlinuz"), [4, 5, 6]);
        Directory.CreateSymbolicLink(assets.File("escape"), outside.Path);
        await using var server = await TftpTestServer.StartAsync(configure: o => o with { AssetsRoot = assets.Path });
        File.WriteAllBytes(Path.Join(server.Root, "vmlinuz"), [1]);
        using var client = new RawTftpClient();

        (await client.DownloadAsync(server.Endpoint, "assets/lab/vmlinuz")).ShouldBe(new byte[] { 4, 5, 6 });
        (await client.DownloadAsync(server.Endpoint, "/vmlinuz")).ShouldBe(new byte[] { 1 });
        client.SendRequest(server.Endpoint, "assets/escape/secret.txt");
        var (packet, _) = await client.ReceiveAsync();
        TftpCodec.TryReadError(packet, out var error, out _).ShouldBeTrue();
        error.Code.ShouldBe(TftpErrorCode.AccessViolation);
    }

    [Fact]
    public async Task Symlink_InsideRoot_IsServed()
    {
        await using var server = await TftpTestServer.StartAsync();
        Directory.CreateDirectory(Path.Join(server.Root, "ipxe"));
        File.WriteAllBytes(Path.Join(server.Root, "ipxe", "real.efi"), [1, 2, 3]);
        File.CreateSymbolicLink(Path.Join(server.Root, "ipxe.efi"), "ipxe/real.efi");
        using var client = new RawTftpClient();
        (await client.DownloadAsync(server.Endpoint, "/ipxe.efi")).ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Theory]
    [InlineData("/boot\\loader.bin")]
    [InlineData("boot/loader.bin\u00FF\u00FF")]
    [InlineData("//boot/./loader.bin")]
    public async Task FilenameRules_LeadingSlashBackslashAndPadding_ResolveToSameFile(string filename)
    {
        await using var server = await TftpTestServer.StartAsync();
        Directory.CreateDirectory(Path.Join(server.Root, "boot"));
        File.WriteAllBytes(Path.Join(server.Root, "boot", "loader.bin"), [9, 8, 7]);
        using var client = new RawTftpClient();
        // 0xFF padding is sent as raw bytes, the way broken PXE ROMs do.
        var name = filename.Replace("\u00FF", "", StringComparison.Ordinal);
        int pad = filename.Length - name.Length;
        var packet = new byte[600];
        int n = TftpCodec.WriteRequest(packet, new TftpRequest(TftpOpcode.ReadRequest, name, "octet", []));
        if (pad > 0)
        {
            var tail = packet[(2 + System.Text.Encoding.UTF8.GetByteCount(name))..n].ToArray();
            var start = 2 + System.Text.Encoding.UTF8.GetByteCount(name);
            for (int i = 0; i < pad; i++) packet[start + i] = 0xFF;
            tail.CopyTo(packet, start + pad);
            n += pad;
        }
        client.Send(server.Endpoint, packet.AsSpan(0, n));
        var data = await client.ReceiveDataAsync();
        data.Payload.ShouldBe(new byte[] { 9, 8, 7 });
    }

    [Fact]
    public async Task UnsupportedMode_Mail_IsRefusedClearly()
    {
        await using var server = await TftpTestServer.StartAsync();
        File.WriteAllBytes(Path.Join(server.Root, "k.bin"), [1]);
        using var client = new RawTftpClient();
        client.SendRequest(server.Endpoint, "k.bin", "mail");
        var (packet, _) = await client.ReceiveAsync();
        TftpCodec.TryReadError(packet, out var error, out _).ShouldBeTrue();
        error.Code.ShouldBe(TftpErrorCode.IllegalOperation);
        error.Message.ShouldContain("octet");
    }

    [Fact]
    public async Task HotFile_ChangedOnDisk_IsServedFresh()
    {
        await using var server = await TftpTestServer.StartAsync();
        var path = Path.Join(server.Root, "loader.efi");
        File.WriteAllBytes(path, [1, 1, 1, 1]);
        using var client = new RawTftpClient();
        (await client.DownloadAsync(server.Endpoint, "loader.efi")).ShouldBe(new byte[] { 1, 1, 1, 1 });
        server.Server.Cache.CachedBytes.ShouldBe(4);
        File.WriteAllBytes(path, [2, 2, 2, 2]); // same size: only the mtime tells
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(5));
        (await client.DownloadAsync(server.Endpoint, "loader.efi")).ShouldBe(new byte[] { 2, 2, 2, 2 });
    }

    [Fact]
    public async Task SinglePortMode_DataComesFromListeningPort()
    {
        await using var server = await TftpTestServer.StartAsync(configure: o => o with { SinglePort = true });
        File.WriteAllBytes(Path.Join(server.Root, "l.bin"), new byte[1500]);
        using var client = new RawTftpClient();
        client.SendRequest(server.Endpoint, "l.bin");
        var one = await client.ReceiveDataAsync();
        one.From.ShouldBe(server.Endpoint);
        var bytes = new List<byte>(one.Payload);
        client.SendAck(server.Endpoint, 1);
        var two = await client.ReceiveDataAsync();
        two.From.ShouldBe(server.Endpoint);
        two.Block.ShouldBe((ushort)2);
    }

    [Fact]
    public async Task StartAsync_PortTaken_ThrowsWithReasonAndFix()
    {
        using var holder = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var taken = (IPEndPoint)holder.LocalEndPoint!;
        using var root = new TempDirectory();
        var server = new TftpServer(new TftpOptions { Root = root.Path, Endpoint = taken }, new RecordingLogger());
        var ex = await Should.ThrowAsync<InvalidOperationException>(() => server.StartAsync(Ct));
        ex.Message.ShouldContain("already in use");
        ex.Message.ShouldContain("--tftp ADDR:PORT");
    }

    [Fact]
    public void DescribeBindFailure_PermissionDenied_NamesRootCapabilityAndPortFlag()
    {
        var message = TftpServer.DescribeBindFailure(new IPEndPoint(IPAddress.Any, 69), new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.AccessDenied));
        message.ShouldContain("permission denied");
        message.ShouldContain("Run as root");
        message.ShouldContain("cap_net_bind_service");
        message.ShouldContain("--tftp ADDR:PORT");
    }
}
