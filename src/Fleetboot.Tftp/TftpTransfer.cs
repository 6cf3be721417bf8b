using System.Buffers;
using Fleetboot.Protocols.Tftp;

namespace Fleetboot.Tftp;

/// <summary>
/// Sends one file: optional OACK (as block 0), then go-back-N windows of DATA (RFC 7440; window 1 is RFC 1350
/// lock-step). A timeout resends the window from the first unacknowledged block with back-off; a duplicate ACK is
/// ignored (no Sorcerer's Apprentice). Block numbers wrap past 65535 to 0; a size that is a multiple of the block
/// size ends with an empty block. Memory: one window buffer; retransmissions re-read the content.
/// </summary>
internal sealed class TftpTransfer(
    ITftpTransferPort port,
    TftpContent content,
    TftpNegotiation negotiation,
    TftpOptions options,
    TimeProvider time)
{
    private const int ReceiveBufferSize = 2048;

    public async Task<TftpTransferResult> RunAsync(CancellationToken stopping)
    {
        int blockSize = negotiation.BlockSize;
        long length = content.Length;
        long totalBlocks = length / blockSize + 1;
        bool oack = negotiation.Accepted.Count > 0;
        long lastAcked = oack ? -1 : 0; // block 0 stands for the OACK
        int maxWindow = negotiation.WindowSize;

        long LastOfWindow(long first) => Math.Min(first + maxWindow - 1, totalBlocks);

        int datagramSize = blockSize + TftpCodec.DataHeaderLength;
        var send = ArrayPool<byte>.Shared.Rent(Math.Max(maxWindow * datagramSize, 512));
        var receive = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
        var blockData = new Memory<byte>[maxWindow];
        try
        {
            int attempt = 0;
            long laidOutFirst = 0; // the window starting at this block is already in `send` (0: none)
            int laidOutLength = 0;
            while (true)
            {
                // Send the window that starts after the last acknowledged block.
                long first = lastAcked + 1;
                long last = first == 0 ? 0 : LastOfWindow(first);
                if (first == 0)
                {
                    await port.SendAsync(send.AsMemory(0, TftpCodec.WriteOptionAck(send, negotiation.Accepted)), stopping).ConfigureAwait(false);
                }
                else
                {
                    if (laidOutFirst != first) laidOutLength = LayOutWindow(send, blockData, first, last);
                    await port.SendWindowAsync(send.AsMemory(0, laidOutLength), datagramSize, stopping).ConfigureAwait(false);
                }
                var timeout = Backoff(negotiation.Timeout, attempt);
                long windowSent = time.GetTimestamp();

                // The kernel has copied the window, so the buffer is free: read the next window while the client works
                // through this one, and the ACK that moves the window finds it ready. A timeout or a partial ACK lays
                // out again from the first unacknowledged block.
                laidOutFirst = 0;
                if (last < totalBlocks)
                {
                    laidOutLength = LayOutWindow(send, blockData, last + 1, LastOfWindow(last + 1));
                    laidOutFirst = last + 1;
                }

                // Wait for an ACK that moves the window, ignoring duplicates and strays (they do not extend the wait).
                bool advanced = false;
                var wait = timeout;
                while (true)
                {
                    int received = await port.ReceiveAsync(receive.AsMemory(0, ReceiveBufferSize), wait, stopping).ConfigureAwait(false);
                    if (received == ITftpTransferPort.TimedOut) break;
                    if (received != ITftpTransferPort.Interrupted)
                    {
                        var packet = receive.AsSpan(0, received);
                        if (TftpCodec.TryReadAck(packet, out var wireBlock, out _))
                        {
                            long diff = (wireBlock - (lastAcked & 0xFFFF)) & 0xFFFF;
                            if (diff >= 1 && diff <= last - lastAcked)
                            {
                                lastAcked += diff;
                                advanced = true;
                                break;
                            }
                        }
                        else if (TftpCodec.TryReadError(packet, out var clientError, out _))
                        {
                            bool probe = lastAcked < 0;
                            return new TftpTransferResult(probe ? "ok" : "aborted", AckedBytes(lastAcked, blockSize, length), Math.Max(lastAcked, 0), totalBlocks, clientError, probe);
                        }
                    }
                    wait = timeout - time.GetElapsedTime(windowSent);
                    if (wait <= TimeSpan.Zero) break;
                }

                if (advanced)
                {
                    attempt = 0;
                    if (lastAcked == totalBlocks)
                    {
                        return new TftpTransferResult("ok", length, totalBlocks, totalBlocks, null, false);
                    }
                    continue;
                }
                if (++attempt > options.Retries)
                {
                    return new TftpTransferResult("timeout", AckedBytes(lastAcked, blockSize, length), Math.Max(lastAcked, 0), totalBlocks, null, false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(send);
            ArrayPool<byte>.Shared.Return(receive);
        }
    }

    /// <summary>
    /// Lays out DATA blocks first..last back to back in <paramref name="send"/>, reading their bytes in one scattered
    /// read; returns the bytes used. Should the file have shrunk, the window ends with the block the data ran out in.
    /// </summary>
    private int LayOutWindow(byte[] send, Memory<byte>[] blockData, long first, long last)
    {
        int blockSize = negotiation.BlockSize;
        long length = content.Length;
        int count = (int)(last - first + 1);
        long offset = (first - 1) * blockSize;
        int used = 0;
        for (int i = 0; i < count; i++)
        {
            int wanted = (int)Math.Clamp(length - offset - (long)i * blockSize, 0, blockSize);
            TftpCodec.WriteDataHeader(send.AsSpan(used), unchecked((ushort)(first + i)));
            blockData[i] = send.AsMemory(used + TftpCodec.DataHeaderLength, wanted);
            used += TftpCodec.DataHeaderLength + wanted;
        }
        int expected = used - count * TftpCodec.DataHeaderLength;
        int read = expected == 0 ? 0 : content.Read(offset, new ArraySegment<Memory<byte>>(blockData, 0, count));
        if (read == expected) return used;
        int fullBlocks = read / blockSize;
        return fullBlocks * (TftpCodec.DataHeaderLength + blockSize) + TftpCodec.DataHeaderLength + read % blockSize;
    }

    private TimeSpan Backoff(TimeSpan initial, int attempt)
    {
        var timeout = initial * Math.Pow(options.BackoffFactor, attempt);
        var ceiling = options.MaxTimeout > initial ? options.MaxTimeout : initial;
        return timeout > ceiling ? ceiling : timeout;
    }

    private static long AckedBytes(long ackedBlocks, int blockSize, long length) =>
        ackedBlocks <= 0 ? 0 : Math.Min(ackedBlocks * blockSize, length);
}
