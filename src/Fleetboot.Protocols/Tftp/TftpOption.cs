namespace Fleetboot.Protocols.Tftp;

/// <summary>One option of an RRQ/WRQ or OACK (RFC 2347): a name and its textual value.</summary>
public readonly record struct TftpOption(string Name, string Value);
