namespace Fleetboot.Cli.Lab;

/// <summary>Who answers DHCP on the lab bridge.</summary>
public enum LabDhcp
{
    /// <summary>Fleetboot itself: <c>serve --dhcp full</c> on the bridge (the lab's default).</summary>
    Fleetboot,
    /// <summary>dnsmasq in the namespace hands out addresses and the boot files (Fleetboot's /boot.ipxe URL to iPXE).</summary>
    Dnsmasq,
    /// <summary>
    /// proxyDHCP: dnsmasq is the site's DHCP server and hands out addresses only; <c>serve --dhcp proxy</c> adds the
    /// boot file for PXE clients.
    /// </summary>
    Proxy,
}
