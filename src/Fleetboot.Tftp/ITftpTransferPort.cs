using System.Net.Sockets;

namespace Fleetboot.Tftp;

/// <summary>The datagram path of one transfer: its own ephemeral socket, or the shared listening socket in single-port mode.</summary>
internal interface ITftpTransferPort : IDisposable
{
    /// <summary>Completes once the kernel holds a copy of the datagram: the caller may then reuse the buffer.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> packet, CancellationToken stopping);

    /// <summary>
    /// Sends a window: datagrams of <paramref name="datagramSize"/> bytes laid out back to back (the last may be
    /// shorter), in order; completes, like <see cref="SendAsync"/>, once the kernel holds a copy. This default sends them
    /// one by one.
    /// </summary>
    ValueTask SendWindowAsync(ReadOnlyMemory<byte> datagrams, int datagramSize, CancellationToken stopping) =>
        TftpWindowSend.OneByOneAsync(this, datagrams, datagramSize, stopping);

    /// <summary>
    /// The next datagram's length, <see cref="TimedOut"/> when <paramref name="timeout"/> elapsed first, or
    /// <see cref="Interrupted"/> when the wait ended early without data (call again with the time left).
    /// Throws <see cref="OperationCanceledException"/> when the server stops.
    /// </summary>
    ValueTask<int> ReceiveAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken stopping);

    public const int TimedOut = -1;

    /// <summary>Receive errors that end a wait early without data (<see cref="Interrupted"/>) and leave the socket usable: ICMP port unreachable from an earlier send, or an oversized datagram.</summary>
    public static bool Interrupts(SocketError error) =>
        error is SocketError.ConnectionRefused or SocketError.ConnectionReset or SocketError.MessageSize;

    public const int Interrupted = -2;
}
