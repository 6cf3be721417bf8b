using System.Net;
using Fleetboot.Protocols.Tftp;

namespace Fleetboot.Tftp;

/// <summary>TFTP server settings. Immutable; checked by <see cref="Validate"/> at start-up.</summary>
public sealed record TftpOptions
{
    /// <summary>Where the server listens for requests; default <c>0.0.0.0:69</c>.</summary>
    public IPEndPoint Endpoint { get; init; } = new(IPAddress.Any, 69);

    /// <summary>The TFTP root (<c>DATA/tftp</c> under <c>fleetboot serve</c>). Nothing outside it is ever read.</summary>
    public string Root { get; init; } = "tftp";

    /// <summary>Largest <c>blksize</c> granted (8 to 65464); larger requests are clamped. Default 1468 fits a 1500-byte MTU.</summary>
    public int MaxBlockSize { get; init; } = 1468;

    /// <summary>Ignore the <c>blksize</c> option so every client gets 512-byte blocks (for firmware that mishandles larger ones).</summary>
    public bool ForceBlockSize512 { get; init; }

    /// <summary>First retransmission timeout when the client sent no <c>timeout</c> option.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Retransmissions of one window before the transfer is given up as timed out.</summary>
    public int Retries { get; init; } = 5;

    /// <summary>Each retransmission multiplies the timeout by this factor (1 = no back-off)...</summary>
    public double BackoffFactor { get; init; } = 2.0;

    /// <summary>...up to this ceiling (never below the transfer's initial timeout).</summary>
    public TimeSpan MaxTimeout { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Largest <c>windowsize</c> granted (RFC 7440), 1 to 64.</summary>
    public int MaxWindowSize { get; init; } = 64;

    /// <summary>Answer every transfer from the listening port, keyed by client endpoint (NAT, containers), instead of one ephemeral port per transfer.</summary>
    public bool SinglePort { get; init; }

    /// <summary>Total bytes of small files kept in memory; 0 disables the cache.</summary>
    public long HotFileCacheBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Files up to this size are cached in memory (loaders); larger ones are always streamed from disk.</summary>
    public long HotFileMaxBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>Transfers running at once; further requests wait in the queue.</summary>
    public int MaxConcurrentTransfers { get; init; } = 1024;

    /// <summary>
    /// Threads that drive the transfers on Linux, each waiting on the sockets of many at once (see
    /// <see cref="TftpTransferLoop"/>); 0 runs every transfer asynchronously on the thread pool instead, as do other
    /// systems and single-port mode.
    /// </summary>
    public int TransferLoops { get; init; } = Environment.ProcessorCount;

    /// <summary>Requests waiting for a transfer slot; beyond this, requests are dropped (the client retries).</summary>
    public int MaxPendingRequests { get; init; } = 1024;

    /// <summary>Netascii transfers convert the whole file in memory, so they are refused above this size.</summary>
    public long MaxNetasciiFileBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>How long a virtual-file source may take to render one file.</summary>
    public TimeSpan RenderTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// When set, paths under <c>assets/</c> are read from this directory (<c>DATA/assets</c>, what HTTP serves at
    /// <c>/assets/</c>), contained like the root: loaders without HTTP, such as the signed GRUB, fetch kernels by TFTP.
    /// </summary>
    public string? AssetsRoot { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Endpoint is null) throw new ArgumentException("TFTP endpoint is required (e.g. 0.0.0.0:69)", nameof(Endpoint));
        if (string.IsNullOrWhiteSpace(Root)) throw new ArgumentException("TFTP root directory is required", nameof(Root));
        if (MaxBlockSize is < TftpCodec.MinBlockSize or > TftpCodec.MaxBlockSize)
            throw new ArgumentException($"TFTP MaxBlockSize must be {TftpCodec.MinBlockSize} to {TftpCodec.MaxBlockSize}, not {MaxBlockSize}", nameof(MaxBlockSize));
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromSeconds(255))
            throw new ArgumentException($"TFTP Timeout must be above 0 and at most 255 s, not {Timeout}", nameof(Timeout));
        if (MaxTimeout <= TimeSpan.Zero) throw new ArgumentException("TFTP MaxTimeout must be positive", nameof(MaxTimeout));
        if (Retries is < 0 or > 100) throw new ArgumentException($"TFTP Retries must be 0 to 100, not {Retries}", nameof(Retries));
        if (!(BackoffFactor >= 1.0 && BackoffFactor <= 10.0)) throw new ArgumentException($"TFTP BackoffFactor must be 1 to 10, not {BackoffFactor}", nameof(BackoffFactor));
        if (MaxWindowSize is < 1 or > 64) throw new ArgumentException($"TFTP MaxWindowSize must be 1 to 64, not {MaxWindowSize}", nameof(MaxWindowSize));
        if (HotFileCacheBytes < 0 || HotFileMaxBytes < 0) throw new ArgumentException("TFTP cache sizes cannot be negative", nameof(HotFileCacheBytes));
        if (MaxConcurrentTransfers < 1) throw new ArgumentException("TFTP MaxConcurrentTransfers must be at least 1", nameof(MaxConcurrentTransfers));
        if (TransferLoops is < 0 or > 256) throw new ArgumentException("TFTP TransferLoops must be 0 to 256", nameof(TransferLoops));
        if (MaxPendingRequests < 1) throw new ArgumentException("TFTP MaxPendingRequests must be at least 1", nameof(MaxPendingRequests));
        if (MaxNetasciiFileBytes < 0) throw new ArgumentException("TFTP MaxNetasciiFileBytes cannot be negative", nameof(MaxNetasciiFileBytes));
        if (RenderTimeout <= TimeSpan.Zero) throw new ArgumentException("TFTP RenderTimeout must be positive", nameof(RenderTimeout));
    }
}
