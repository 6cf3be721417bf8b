namespace Fleetboot.Cli.Lab;

/// <summary>Who answers DHCP on the lab bridge.</summary>
public enum LabDhcp
{
    /// <summary>dnsmasq in the namespace hands out addresses and, to iPXE, Fleetboot's /boot.ipxe URL.</summary>
    Dnsmasq,
    /// <summary>Fleetboot itself: <c>serve --dhcp full</c> on the bridge.</summary>
    Fleetboot,
}
