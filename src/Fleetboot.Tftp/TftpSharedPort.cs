using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Fleetboot.Tftp;

/// <summary>Single-port mode: replies leave from the listening socket; the listener routes the client's datagrams here.</summary>
internal sealed class TftpSharedPort : ITftpTransferPort
{
    private readonly Socket _listener;
    private readonly IPEndPoint _client;
    private readonly Action<TftpSharedPort> _onDispose;
    private readonly Channel<byte[]> _inbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(256)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
        SingleWriter = true,
    });

    private TftpDeadline? _deadline;

    public TftpSharedPort(Socket listener, IPEndPoint client, Action<TftpSharedPort> onDispose)
    {
        _listener = listener;
        _client = client;
        _onDispose = onDispose;
    }

    public IPEndPoint Client => _client;

    /// <summary>Called by the listener loop; copies the datagram (length-prefixed in a pooled array). Drops when the inbox is full.</summary>
    public void Deliver(ReadOnlySpan<byte> datagram)
    {
        var copy = ArrayPool<byte>.Shared.Rent(datagram.Length + 4);
        BitConverter.TryWriteBytes(copy, datagram.Length);
        datagram.CopyTo(copy.AsSpan(4));
        if (!_inbox.Writer.TryWrite(copy)) ArrayPool<byte>.Shared.Return(copy);
    }

    /// <summary>Set once by the transfer that uses this port, before the first receive.</summary>
    public void UseClock(TimeProvider time, CancellationToken stopping) => _deadline ??= new TftpDeadline(time, stopping);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> packet, CancellationToken stopping) =>
        await _listener.SendToAsync(packet, SocketFlags.None, _client, stopping).ConfigureAwait(false);

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken stopping)
    {
        byte[] copy;
        try
        {
            copy = await _inbox.Reader.ReadAsync(_deadline!.Arm(timeout)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return ITftpTransferPort.TimedOut;
        }
        try
        {
            int length = Math.Min(BitConverter.ToInt32(copy, 0), buffer.Length);
            copy.AsSpan(4, length).CopyTo(buffer.Span);
            return length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    public void Dispose()
    {
        _onDispose(this);
        _inbox.Writer.TryComplete();
        while (_inbox.Reader.TryRead(out var copy)) ArrayPool<byte>.Shared.Return(copy);
        _deadline?.Dispose();
    }
}
