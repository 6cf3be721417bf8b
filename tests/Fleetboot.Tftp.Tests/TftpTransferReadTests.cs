using Fleetboot.Protocols.Tftp;

namespace Fleetboot.Tftp.Tests;

/// <summary>
/// How a transfer reads its content: one scattered read per window, the next window read while the client works
/// through the current one, and the right bytes after a partial ACK or a file that shrank.
/// </summary>
public sealed class TftpTransferReadTests
{
    private const int BlockSize = 512;

    [Fact]
    public async Task WholeWindowAcks_EachWindowIsReadOnceInOneRead()
    {
        var file = RandomBytes(BlockSize * 10); // blocks 1-10 and the empty block 11
        var content = new CountingContent(file);
        var port = new ScriptedPort(lastBlockOfWindow => lastBlockOfWindow); // the client acknowledges every window whole

        var result = await Run(content, port, window: 4);

        result.Outcome.ShouldBe("ok");
        port.Blocks.Select(b => b.Block).ShouldBe([(ushort)1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        Reassemble(port).ShouldBe(file);
        // Three windows (1-4, 5-8, 9-11), each read in one call; the empty block 11 needs no bytes.
        content.Reads.ShouldBe([(0L, 4 * BlockSize), (4L * BlockSize, 4 * BlockSize), (8L * BlockSize, 2 * BlockSize)]);
    }

    [Fact]
    public async Task PartialAck_ResentWindowCarriesTheBytesOfItsBlocks()
    {
        var file = RandomBytes(BlockSize * 6 + 100);
        var acks = new Queue<ushort>([2, 6, 7]); // block 3 "lost": go back to 3
        var port = new ScriptedPort(_ => acks.Dequeue());

        var result = await Run(new CountingContent(file), port, window: 4);

        result.Outcome.ShouldBe("ok");
        port.Blocks.Select(b => b.Block).ShouldBe([(ushort)1, 2, 3, 4, 3, 4, 5, 6, 7]);
        foreach (var (block, payload) in port.Blocks)
            payload.ShouldBe(file.AsSpan(Math.Min((block - 1) * BlockSize, file.Length), Math.Clamp(file.Length - (block - 1) * BlockSize, 0, BlockSize)).ToArray(), $"block {block}");
    }

    [Fact]
    public async Task FileShrankUnderTheTransfer_WindowEndsWithTheBlockTheDataRanOutIn()
    {
        var file = RandomBytes(BlockSize * 10);
        var content = new CountingContent(file) { Available = BlockSize * 2 + 100 }; // reads stop there, as on a truncated file
        var port = new ScriptedPort(lastBlockOfWindow => lastBlockOfWindow, maxWindows: 0); // only the first window is looked at

        await Run(content, port, window: 4);

        port.Blocks.Select(b => (b.Block, b.Payload.Length)).ShouldBe([((ushort)1, BlockSize), ((ushort)2, BlockSize), ((ushort)3, 100)]);
        port.Blocks[2].Payload.ShouldBe(file.AsSpan(2 * BlockSize, 100).ToArray());
    }

    private static Task<TftpTransferResult> Run(TftpContent content, ScriptedPort port, int window)
    {
        var options = new TftpOptions { Timeout = TimeSpan.FromSeconds(1), Retries = 0 };
        var negotiation = new TftpNegotiation(BlockSize, window, options.Timeout, []);
        return new TftpTransfer(port, content, negotiation, options, TimeProvider.System).RunAsync(TestContext.Current.CancellationToken);
    }

    private static byte[] Reassemble(ScriptedPort port) => [.. port.Blocks.SelectMany(b => b.Payload)];

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Content over a byte array that records every read (offset, bytes asked for).</summary>
    private sealed class CountingContent(byte[] bytes) : TftpContent
    {
        public List<(long Offset, int Length)> Reads { get; } = [];

        public int Available { get; init; } = bytes.Length;

        public override long Length => bytes.Length;

        public override int Read(long offset, IReadOnlyList<Memory<byte>> destinations)
        {
            Reads.Add((offset, destinations.Sum(d => d.Length)));
            int total = 0;
            foreach (var destination in destinations)
            {
                int n = (int)Math.Clamp(Available - offset - total, 0, destination.Length);
                bytes.AsSpan((int)(offset + total), n).CopyTo(destination.Span);
                total += n;
            }
            return total;
        }
    }

    /// <summary>
    /// Records each DATA block sent; after a window it answers with the ACK that <c>ackFor</c> picks for the window's
    /// last block, and after <c>maxWindows</c> windows it goes silent.
    /// </summary>
    private sealed class ScriptedPort(Func<ushort, ushort> ackFor, int maxWindows = int.MaxValue) : ITftpTransferPort
    {
        private readonly Queue<ushort> _pendingAcks = new();
        private int _windows;

        public List<(ushort Block, byte[] Payload)> Blocks { get; } = [];

        public ValueTask SendAsync(ReadOnlyMemory<byte> packet, CancellationToken stopping)
        {
            TftpCodec.TryReadData(packet.Span, out var block, out var payload, out _).ShouldBeTrue();
            Blocks.Add((block, payload.ToArray()));
            return ValueTask.CompletedTask;
        }

        public async ValueTask SendWindowAsync(ReadOnlyMemory<byte> datagrams, int datagramSize, CancellationToken stopping)
        {
            await TftpWindowSend.OneByOneAsync(this, datagrams, datagramSize, stopping);
            if (++_windows <= maxWindows) _pendingAcks.Enqueue(ackFor(Blocks[^1].Block));
        }

        public ValueTask<int> ReceiveAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken stopping)
        {
            if (!_pendingAcks.TryDequeue(out var ack)) return ValueTask.FromResult(ITftpTransferPort.TimedOut);
            return ValueTask.FromResult(TftpCodec.WriteAck(buffer.Span, ack));
        }

        public void Dispose()
        {
        }
    }
}
