using Microsoft.Win32.SafeHandles;

namespace Fleetboot.Tftp;

/// <summary>What a transfer sends: bytes in memory (cached or rendered) or an open file read block by block.</summary>
internal abstract class TftpContent : IDisposable
{
    public abstract long Length { get; }

    /// <summary>Fills the destinations in order with the bytes from offset on; returns how many were read (short at end of file).</summary>
    public abstract int Read(long offset, IReadOnlyList<Memory<byte>> destinations);

    public virtual void Dispose()
    {
    }

    public static TftpContent FromMemory(ReadOnlyMemory<byte> bytes) => new MemoryContent(bytes);

    public static TftpContent FromFile(SafeFileHandle handle, long length) => new FileContent(handle, length);

    private sealed class MemoryContent(ReadOnlyMemory<byte> bytes) : TftpContent
    {
        public override long Length => bytes.Length;

        public override int Read(long offset, IReadOnlyList<Memory<byte>> destinations)
        {
            int total = 0;
            for (int i = 0; i < destinations.Count && offset + total < bytes.Length; i++)
            {
                var source = bytes.Span[(int)(offset + total)..];
                int n = Math.Min(source.Length, destinations[i].Length);
                source[..n].CopyTo(destinations[i].Span);
                total += n;
            }
            return total;
        }
    }

    /// <summary>Streams with positional scatter reads (preadv): retransmissions re-read (from the page cache).</summary>
    private sealed class FileContent(SafeFileHandle handle, long length) : TftpContent
    {
        public override long Length => length;

        public override int Read(long offset, IReadOnlyList<Memory<byte>> destinations) =>
            offset >= length ? 0 : (int)RandomAccess.Read(handle, destinations, offset);

        public override void Dispose()
        {
            handle.Dispose();
            base.Dispose();
        }
    }
}
