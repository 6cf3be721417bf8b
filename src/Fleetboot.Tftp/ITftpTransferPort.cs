namespace Fleetboot.Tftp;

/// <summary>The datagram path of one transfer: its own ephemeral socket, or the shared listening socket in single-port mode.</summary>
internal interface ITftpTransferPort : IDisposable
{
    ValueTask SendAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken);

    /// <summary>Waits for the next datagram from the client; cancellation (timeout or stop) throws <see cref="OperationCanceledException"/>.</summary>
    ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken);
}
