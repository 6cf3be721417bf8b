using System.Globalization;
using Fleetboot.Protocols.Tftp;

namespace Fleetboot.Tftp;

/// <summary>
/// The parameters of one transfer after option negotiation (RFC 2347/2348/2349/7440). Only accepted options are
/// echoed in the OACK; unknown, unparsable or out-of-range ones are ignored, never fatal.
/// </summary>
internal sealed record TftpNegotiation(int BlockSize, int WindowSize, TimeSpan Timeout, IReadOnlyList<TftpOption> Accepted)
{
    public static TftpNegotiation Negotiate(TftpRequest request, TftpOptions options, long size)
    {
        var accepted = new List<TftpOption>();
        int blockSize = TftpCodec.DefaultBlockSize;
        int windowSize = 1;
        var timeout = options.Timeout;

        if (!options.ForceBlockSize512
            && request.TryGetIntegerOption("blksize", out var requestedBlock)
            && requestedBlock >= TftpCodec.MinBlockSize)
        {
            blockSize = (int)Math.Min(requestedBlock, Math.Min(options.MaxBlockSize, TftpCodec.MaxBlockSize));
            accepted.Add(new TftpOption("blksize", Text(blockSize)));
        }
        if (request.TryGetIntegerOption("tsize", out _))
        {
            accepted.Add(new TftpOption("tsize", Text(size)));
        }
        if (request.TryGetIntegerOption("timeout", out var seconds) && seconds is >= 1 and <= 255)
        {
            timeout = TimeSpan.FromSeconds(seconds);
            accepted.Add(new TftpOption("timeout", Text(seconds)));
        }
        if (request.TryGetIntegerOption("windowsize", out var window) && window is >= 1 and <= 65535)
        {
            windowSize = (int)Math.Min(window, options.MaxWindowSize);
            accepted.Add(new TftpOption("windowsize", Text(windowSize)));
        }
        return new TftpNegotiation(blockSize, windowSize, timeout, accepted);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
