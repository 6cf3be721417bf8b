namespace Fleetboot.Protocols.Tftp;

/// <summary>TFTP packet types (RFC 1350, RFC 2347 for OACK).</summary>
public enum TftpOpcode : ushort
{
    ReadRequest = 1,
    WriteRequest = 2,
    Data = 3,
    Ack = 4,
    Error = 5,
    OptionAck = 6,
}
