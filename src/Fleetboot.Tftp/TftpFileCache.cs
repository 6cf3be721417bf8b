namespace Fleetboot.Tftp;

/// <summary>
/// Small hot files (loaders) kept in memory, keyed by real path and checked against the file's size and
/// modification time on every request, so a replaced file is re-read. Least recently used entries go first.
/// </summary>
internal sealed class TftpFileCache(long capacityBytes, long maxFileBytes)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _bytes;
    private long _clock;

    public long MaxFileBytes => capacityBytes == 0 ? -1 : Math.Min(maxFileBytes, capacityBytes);

    public long CachedBytes
    {
        get
        {
            lock (_lock) return _bytes;
        }
    }

    public bool TryGet(string path, long length, DateTime lastWriteUtc, out ReadOnlyMemory<byte> bytes)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(path, out var entry))
            {
                if (entry.Bytes.Length == length && entry.LastWriteUtc == lastWriteUtc)
                {
                    entry.LastUsed = ++_clock;
                    bytes = entry.Bytes;
                    return true;
                }
                _entries.Remove(path);
                _bytes -= entry.Bytes.Length;
            }
        }
        bytes = default;
        return false;
    }

    public void Add(string path, DateTime lastWriteUtc, byte[] bytes)
    {
        if (bytes.LongLength > MaxFileBytes) return;
        lock (_lock)
        {
            if (_entries.Remove(path, out var old)) _bytes -= old.Bytes.Length;
            while (_bytes + bytes.Length > capacityBytes && _entries.Count > 0)
            {
                var victim = _entries.MinBy(e => e.Value.LastUsed);
                _entries.Remove(victim.Key);
                _bytes -= victim.Value.Bytes.Length;
            }
            _entries[path] = new Entry(bytes, lastWriteUtc) { LastUsed = ++_clock };
            _bytes += bytes.Length;
        }
    }

    private sealed class Entry(byte[] bytes, DateTime lastWriteUtc)
    {
        public byte[] Bytes { get; } = bytes;
        public DateTime LastWriteUtc { get; } = lastWriteUtc;
        public long LastUsed { get; set; }
    }
}
