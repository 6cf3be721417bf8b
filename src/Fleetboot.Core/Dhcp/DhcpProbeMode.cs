namespace Fleetboot.Core.Dhcp;

/// <summary>How a fresh address is checked before it is offered.</summary>
public enum DhcpProbeMode
{
    Off = 0,

    /// <summary>ICMP echo from the server; an answer within the subnet's probe timeout holds the address back like a DECLINE.</summary>
    Icmp = 1,
}
