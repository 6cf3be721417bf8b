using System.Net;
using Microsoft.Extensions.Logging;

namespace Fleetboot.Tftp;

/// <summary>TFTP log messages; event ids 3000-3999.</summary>
internal static partial class TftpLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "TFTP listening on {Endpoint}, root {Root}, {PortMode}")]
    public static partial void Listening(ILogger logger, IPEndPoint endpoint, string root, string portMode);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "TFTP stopped on {Endpoint}")]
    public static partial void Stopped(ILogger logger, IPEndPoint endpoint);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "TFTP sent {File} to {Client}: {Bytes} bytes, blksize {BlockSize}, windowsize {WindowSize}, {DurationMs} ms")]
    public static partial void TransferCompleted(ILogger logger, string file, IPEndPoint client, long bytes, int blockSize, int windowSize, long durationMs);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "TFTP {File} requested by {Client}: not found")]
    public static partial void FileNotFound(ILogger logger, string file, IPEndPoint client);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "TFTP refused {File} to {Client}: {Reason}")]
    public static partial void AccessRefused(ILogger logger, string file, IPEndPoint client, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Debug, Message = "TFTP refused {File} to {Client} again: {Reason}")]
    public static partial void AccessRefusedAgain(ILogger logger, string file, IPEndPoint client, string reason);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Debug, Message = "TFTP write request for {File} from {Client} refused (read-only server)")]
    public static partial void WriteRefused(ILogger logger, string file, IPEndPoint client);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Debug, Message = "TFTP dropped a malformed packet from {Client}: {Reason} ({Suppressed} more suppressed)")]
    public static partial void MalformedPacket(ILogger logger, IPEndPoint client, string reason, long suppressed);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "TFTP request queue full ({Capacity}); dropped a request from {Client} ({Suppressed} more suppressed)")]
    public static partial void QueueFull(ILogger logger, int capacity, IPEndPoint client, long suppressed);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "TFTP transfer of {File} to {Client} timed out after block {Block} of {Blocks}")]
    public static partial void TransferTimedOut(ILogger logger, string file, IPEndPoint client, long block, long blocks);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "TFTP client {Client} aborted {File}: {ErrorCode} {ErrorMessage}")]
    public static partial void TransferAborted(ILogger logger, string file, IPEndPoint client, ushort errorCode, string errorMessage);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Debug, Message = "TFTP {Client} probed the size of {File} ({Bytes} bytes) and ended after the OACK")]
    public static partial void SizeProbe(ILogger logger, string file, IPEndPoint client, long bytes);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "TFTP refused {File} to {Client}: {Reason}")]
    public static partial void RequestRefused(ILogger logger, string file, IPEndPoint client, string reason);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Warning, Message = "TFTP transfer of {File} to {Client} failed")]
    public static partial void TransferFailed(ILogger logger, Exception exception, string file, IPEndPoint client);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Warning, Message = "TFTP receive on {Endpoint} failed; continuing")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception, IPEndPoint endpoint);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Debug, Message = "TFTP ignored a duplicate request from {Client} while its transfer runs")]
    public static partial void DuplicateRequest(ILogger logger, IPEndPoint client);
}
