using Fleetboot.Protocols.Tftp;

namespace Fleetboot.Tftp;

/// <summary>How a transfer ended: <c>ok</c>, <c>timeout</c> or <c>aborted</c> (client ERROR), with the bytes the client acknowledged.</summary>
internal sealed record TftpTransferResult(string Outcome, long Bytes, long AckedBlocks, long TotalBlocks, TftpErrorPacket? ClientError, bool SizeProbe);
