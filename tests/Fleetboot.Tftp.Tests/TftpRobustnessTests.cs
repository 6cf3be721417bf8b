using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Fleetboot.Protocols.Tftp;
using Fleetboot.Tftp.Tests.Support;

namespace Fleetboot.Tftp.Tests;

/// <summary>Bad input and load: garbage bursts, missing-file floods, 500 concurrent transfers.</summary>
public sealed class TftpRobustnessTests
{
    [Fact]
    public async Task GarbageBurst_TenThousandBadPackets_ServerSurvivesAndStillServes()
    {
        var atftp = ExternalTool.Require("atftp", "atftp");
        await using var server = await TftpTestServer.StartAsync();
        var content = new byte[100_000];
        new Random(7).NextBytes(content);
        await File.WriteAllBytesAsync(Path.Join(server.Root, "after.bin"), content, TestContext.Current.CancellationToken);

        var random = new Random(42);
        using var client = new RawTftpClient();
        var stopwatch = Stopwatch.StartNew();
        var packet = new byte[1500];
        for (int i = 0; i < 10_000 && stopwatch.Elapsed < TimeSpan.FromSeconds(30); i++)
        {
            int length;
            switch (i % 8)
            {
                case 0: length = random.Next(0, 4); random.NextBytes(packet.AsSpan(0, length)); break; // runts
                case 1: length = random.Next(4, 1500); random.NextBytes(packet.AsSpan(0, length)); break; // noise
                case 2: packet[0] = 0; packet[1] = 1; length = 2 + random.Next(1, 100); packet.AsSpan(2, length - 2).Fill((byte)'A'); break; // unterminated RRQ
                case 3: packet[0] = 0; packet[1] = (byte)random.Next(7, 256); length = 10; break; // unknown opcode
                case 4: length = TftpCodec.WriteRequest(packet, new TftpRequest(TftpOpcode.ReadRequest, $"absurd-{i}", "octet", [new TftpOption("blksize", "99999999999999999999"), new TftpOption("windowsize", "-5"), new TftpOption("tsize", "x"), new TftpOption("timeout", "")])) - 1; break; // absurd options, last one truncated
                case 5: length = TftpCodec.WriteAck(packet, (ushort)random.Next()); break; // stray ACK
                case 6: length = TftpCodec.WriteError(packet, TftpErrorCode.UnknownTransferId, "stray"); break; // stray ERROR
                default: length = TftpCodec.WriteRequest(packet, new TftpRequest(TftpOpcode.ReadRequest, $"missing-{i}.bin", "octet", [])); break; // missing files
            }
            client.Send(server.Endpoint, packet.AsSpan(0, length));
        }

        var output = Path.Join(server.Root, "..", $"after-{Guid.NewGuid():N}.out");
        try
        {
            var result = await ExternalTool.RunAsync(atftp, ["--get", "-r", "after.bin", "-l", output, "--option", "blksize 1468", "127.0.0.1", server.Port.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(60));
            result.ExitCode.ShouldBe(0, result.ToString());
            (await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken)).ShouldBe(content);
        }
        finally
        {
            File.Delete(output);
        }
        await server.Events.WaitForAsync(e => e.Outcome == "ok" && e.Data!["file"] == "after.bin");
        server.Events.Events.Count(e => e.Outcome == "not-found").ShouldBeGreaterThan(0);
        server.Logger.Entries.ShouldNotContain(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        // Malformed input is logged at Debug, rate-limited: far fewer lines than packets.
        server.Logger.Entries.Count(e => e.EventId.Id == 3007).ShouldBeLessThan(100);
    }

    [Fact]
    public async Task MissingFileBurst_TenThousandRequests_AnsweredOrDroppedWithBoundedMemory()
    {
        await using var server = await TftpTestServer.StartAsync();
        await File.WriteAllBytesAsync(Path.Join(server.Root, "real.bin"), new byte[3000], TestContext.Current.CancellationToken);
        using var client = new RawTftpClient();
        // Warm up, then measure the managed heap around the burst.
        (await client.DownloadAsync(server.Endpoint, "real.bin")).Length.ShouldBe(3000);
        long before = GC.GetTotalMemory(forceFullCollection: true);

        var packet = new byte[600];
        var stopwatch = Stopwatch.StartNew();
        int sent = 0;
        for (; sent < 10_000 && stopwatch.Elapsed < TimeSpan.FromSeconds(30); sent++)
        {
            int n = TftpCodec.WriteRequest(packet, new TftpRequest(TftpOpcode.ReadRequest, $"pxelinux.cfg/{sent:X8}", "octet", [new TftpOption("tsize", "0")]));
            client.Send(server.Endpoint, packet.AsSpan(0, n));
        }
        sent.ShouldBe(10_000);

        // Requests are taken up in order, so once a request sent after the burst is answered, the burst has been
        // taken up; each of its requests was either answered or dropped at the full queue (the client would retry).
        using var after = new RawTftpClient();
        const string Marker = "pxelinux.cfg/after-the-burst";
        bool markerAnswered = false;
        for (int attempt = 0; attempt < 60 && !markerAnswered; attempt++)
        {
            after.SendRequest(server.Endpoint, Marker);
            try
            {
                var (reply, _) = await after.ReceiveAsync(TimeSpan.FromSeconds(1));
                markerAnswered = TftpCodec.TryReadError(reply, out var error, out _) && error.Code == TftpErrorCode.FileNotFound;
            }
            catch (TimeoutException)
            {
            }
        }
        markerAnswered.ShouldBeTrue("a request sent after the burst was never answered");
        for (int wait = 0; wait < 300 && server.Server.ActiveTransfers > 0; wait++) await Task.Delay(100, TestContext.Current.CancellationToken);
        server.Server.ActiveTransfers.ShouldBe(0);

        int answered = server.Events.Events.Count(e => e.Outcome == "not-found" && e.Data!["file"] != Marker);
        answered.ShouldBeGreaterThan(1000); // at least a queue's worth (1,024)
        answered.ShouldBeLessThanOrEqualTo(10_000);
        var (burstReply, _) = await client.ReceiveAsync(TimeSpan.FromSeconds(5));
        TftpCodec.TryReadError(burstReply, out var burstError, out _).ShouldBeTrue();
        burstError.Code.ShouldBe(TftpErrorCode.FileNotFound);
        (await after.DownloadAsync(server.Endpoint, "real.bin")).Length.ShouldBe(3000);
        long heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        (heapAfter - before).ShouldBeLessThan(64L * 1024 * 1024, $"heap grew from {before} to {heapAfter} bytes");
    }

    [Fact]
    public async Task ConcurrentTransfers_FiveHundredClients_AllRunAtOnceAndComplete()
    {
        const int clients = 500;
        await using var server = await TftpTestServer.StartAsync(configure: o => o with { Timeout = TimeSpan.FromSeconds(5) });
        var content = new byte[64 * 1024 + 3];
        new Random(3).NextBytes(content);
        await File.WriteAllBytesAsync(Path.Join(server.Root, "shared.bin"), content, TestContext.Current.CancellationToken);
        var expected = SHA256.HashData(content);

        // Every client holds its transfer after the first block until all 500 are in flight: proof they run concurrently.
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int started = 0;
        int peak = 0;
        async Task Hold()
        {
            if (Interlocked.Increment(ref started) == clients)
            {
                peak = server.Server.ActiveTransfers;
                allStarted.TrySetResult();
            }
            await allStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }

        var tasks = Enumerable.Range(0, clients).Select(async i =>
        {
            using var client = new RawTftpClient();
            var bytes = await client.DownloadAsync(server.Endpoint, "shared.bin", blockSize: 1468, windowSize: i % 2 == 0 ? 8 : null, afterFirstBlock: Hold);
            return SHA256.HashData(bytes);
        }).ToList();
        var hashes = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
        peak.ShouldBe(clients);
        hashes.Select(Convert.ToHexString).Distinct().ShouldBe([Convert.ToHexString(expected)]);
        await server.Events.WaitForCountAsync(e => e.Outcome == "ok", clients);
    }
}
