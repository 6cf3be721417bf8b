using System.Buffers;
using Fleetboot.Protocols.Tftp;

namespace Fleetboot.Tftp;

/// <summary>
/// Sends one file: optional OACK (as block 0), then go-back-N windows of DATA (RFC 7440; window 1 is RFC 1350
/// lock-step). A timeout resends the window from the first unacknowledged block with back-off; a duplicate ACK is
/// ignored (no Sorcerer's Apprentice). Block numbers wrap past 65535 to 0; a size that is a multiple of the block
/// size ends with an empty block. Memory: one block buffer; retransmissions re-read the content.
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

        int datagramSize = blockSize + TftpCodec.DataHeaderLength;
        var send = ArrayPool<byte>.Shared.Rent(Math.Max(maxWindow * datagramSize, 512));
        var receive = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
        try
        {
            int attempt = 0;
            while (true)
            {
                // Send the window that starts after the last acknowledged block.
                long first = lastAcked + 1;
                long last = first == 0 ? 0 : Math.Min(lastAcked + maxWindow, totalBlocks);
                if (first == 0)
                {
                    await port.SendAsync(send.AsMemory(0, TftpCodec.WriteOptionAck(send, negotiation.Accepted)), stopping).ConfigureAwait(false);
                }
                else
                {
                    int used = 0;
                    for (long block = first; block <= last; block++) used += WriteBlock(send.AsSpan(used), block, blockSize, length);
                    await port.SendWindowAsync(send.AsMemory(0, used), datagramSize, stopping).ConfigureAwait(false);
                }
                var timeout = Backoff(negotiation.Timeout, attempt);
                long windowSent = time.GetTimestamp();

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

    private int WriteBlock(Span<byte> buffer, long block, int blockSize, long length)
    {
        long offset = (block - 1) * blockSize;
        int wanted = (int)Math.Clamp(length - offset, 0, blockSize);
        int read = wanted == 0 ? 0 : content.Read(offset, buffer.Slice(TftpCodec.DataHeaderLength, wanted));
        TftpCodec.WriteDataHeader(buffer, unchecked((ushort)block));
        return TftpCodec.DataHeaderLength + read;
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
