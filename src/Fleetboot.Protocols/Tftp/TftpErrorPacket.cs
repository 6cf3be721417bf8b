namespace Fleetboot.Protocols.Tftp;

/// <summary>An ERROR packet: code and human-readable message.</summary>
public readonly record struct TftpErrorPacket(TftpErrorCode Code, string Message);
