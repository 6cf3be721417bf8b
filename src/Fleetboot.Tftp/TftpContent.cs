using Microsoft.Win32.SafeHandles;

namespace Fleetboot.Tftp;

/// <summary>What a transfer sends: bytes in memory (cached or rendered) or an open file read block by block.</summary>
internal abstract class TftpContent : IDisposable
{
    public abstract long Length { get; }

    /// <summary>Copies up to destination.Length bytes from offset; returns how many were read (short at end of file).</summary>
    public abstract int Read(long offset, Span<byte> destination);

    public virtual void Dispose()
    {
    }

    public static TftpContent FromMemory(ReadOnlyMemory<byte> bytes) => new MemoryContent(bytes);

    public static TftpContent FromFile(SafeFileHandle handle, long length) => new FileContent(handle, length);

    private sealed class MemoryContent(ReadOnlyMemory<byte> bytes) : TftpContent
    {
        public override long Length => bytes.Length;

        public override int Read(long offset, Span<byte> destination)
        {
            if (offset >= bytes.Length) return 0;
            var slice = bytes.Span[(int)offset..];
            int n = Math.Min(slice.Length, destination.Length);
            slice[..n].CopyTo(destination);
            return n;
        }
    }

    /// <summary>Streams with positional reads: memory is one block, retransmissions re-read (from the page cache).</summary>
    private sealed class FileContent(SafeFileHandle handle, long length) : TftpContent
    {
        public override long Length => length;

        public override int Read(long offset, Span<byte> destination)
        {
            int total = 0;
            while (total < destination.Length && offset + total < length)
            {
                int n = RandomAccess.Read(handle, destination[total..], offset + total);
                if (n == 0) break; // file shrank under us: the block ends short
                total += n;
            }
            return total;
        }

        public override void Dispose()
        {
            handle.Dispose();
            base.Dispose();
        }
    }
}
