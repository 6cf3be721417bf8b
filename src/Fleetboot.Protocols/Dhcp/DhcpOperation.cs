namespace Fleetboot.Protocols.Dhcp;

/// <summary>The BOOTP <c>op</c> field.</summary>
public enum DhcpOperation : byte
{
    BootRequest = 1,
    BootReply = 2,
}
