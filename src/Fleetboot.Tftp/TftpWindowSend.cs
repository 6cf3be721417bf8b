namespace Fleetboot.Tftp;

internal static class TftpWindowSend
{
    /// <summary>Sends datagrams of <paramref name="datagramSize"/> bytes laid out back to back (the last may be shorter), one by one.</summary>
    public static async ValueTask OneByOneAsync(ITftpTransferPort port, ReadOnlyMemory<byte> datagrams, int datagramSize, CancellationToken stopping)
    {
        for (int at = 0; at < datagrams.Length; at += datagramSize)
            await port.SendAsync(datagrams.Slice(at, Math.Min(datagramSize, datagrams.Length - at)), stopping).ConfigureAwait(false);
    }
}
