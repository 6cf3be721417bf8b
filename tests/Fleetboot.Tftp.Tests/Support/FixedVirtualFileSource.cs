using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Fleetboot.Tftp.Tests.Support;

/// <summary>An honest test renderer: fixed text naming the kind, MAC/IP and client; null for names it was told to skip.</summary>
internal sealed class FixedVirtualFileSource(params string[] skip) : ITftpVirtualFileSource
{
    public ConcurrentQueue<TftpVirtualFileName> Requests { get; } = new();

    public static string Render(TftpVirtualFileName name, IPEndPoint client) =>
        $"# rendered {name.Kind} for mac={name.Mac?.ToString() ?? "-"} ip={name.IpAddress?.ToString() ?? "-"} prefix={name.IpPrefixHex ?? "-"} client={client.Address}\n";

    public ValueTask<ReadOnlyMemory<byte>?> TryRenderAsync(TftpVirtualFileName name, IPEndPoint client, CancellationToken cancellationToken)
    {
        Requests.Enqueue(name);
        if (skip.Contains(name.Path)) return ValueTask.FromResult<ReadOnlyMemory<byte>?>(null);
        return ValueTask.FromResult<ReadOnlyMemory<byte>?>(Encoding.UTF8.GetBytes(Render(name, client)));
    }
}
