using System.Net;

namespace Fleetboot.Tftp;

/// <summary>
/// Renders per-machine files (pxelinux.cfg, grub.cfg, boot.ipxe...) on request. Consulted before the disk for
/// the names <see cref="TftpVirtualFileName.TryParse"/> recognises; returning null falls back to the disk.
/// </summary>
public interface ITftpVirtualFileSource
{
    /// <summary>The rendered bytes, or null when this source has nothing for the name.</summary>
    ValueTask<ReadOnlyMemory<byte>?> TryRenderAsync(TftpVirtualFileName name, IPEndPoint client, CancellationToken cancellationToken);
}
