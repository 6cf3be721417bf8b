using System.Net;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Catalog;
using Fleetboot.Core.Events;
using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Dhcp;

/// <summary>
/// The machine registry as DHCP sees it: static addresses become reservations, and an unknown netboot
/// client goes on the timeline as <c>dhcp.netboot-client</c>, from which the lifecycle records it as discovered.
/// A machine's loader is its own, else the one of the profile it boots.
/// </summary>
public sealed class RegistryDhcpDirectory(IMachineStore machines, CatalogCache catalog, IBootEventSink events) : IDhcpMachineDirectory
{
    public const string NetbootClientEvent = "dhcp.netboot-client";

    public async ValueTask<DhcpMachineBinding?> FindAsync(MacAddress mac, CancellationToken cancellationToken)
    {
        var machine = await machines.FindByMacAsync(mac, cancellationToken);
        if (machine is null || machine.State == MachineState.Discovered) return null;
        var loader = machine.Loader ?? (await catalog.GetAsync(cancellationToken)).ProfileFor(machine, null).Profile?.Loader;
        return new DhcpMachineBinding(machine.Id, IPAddress.TryParse(machine.StaticIp, out var ip) ? ip : null, machine.Hostname, loader);
    }

    public async ValueTask<IReadOnlyList<DhcpReservation>> GetReservationsAsync(CancellationToken cancellationToken)
    {
        const int PageSize = 1000;
        var reservations = new List<DhcpReservation>();
        for (int offset = 0; ; offset += PageSize)
        {
            var page = await machines.ListAsync(new MachineQuery { Offset = offset, Limit = PageSize }, cancellationToken);
            foreach (var m in page.Items)
            {
                if (IPAddress.TryParse(m.StaticIp, out var ip))
                    reservations.AddRange(m.Macs.Select(mac => new DhcpReservation(mac, ip, m.Hostname)));
            }
            if (page.Items.Count < PageSize) return reservations;
        }
    }

    public ValueTask RecordDiscoveredAsync(DiscoveredNetbootClient client, CancellationToken cancellationToken)
    {
        events.Record(new BootEvent(client.SeenAt, NetbootClientEvent, client.Source, client.Mac.ToString(), "ok",
            $"netboot client {client.Mac} ({client.Firmware})",
            new Dictionary<string, string>
            {
                ["arch"] = client.Architecture is ClientArchitectures.Arm64Uefi or ClientArchitectures.Arm64UefiHttp ? "arm64" : "x86_64",
                ["firmware"] = client.Firmware is "bios" ? "bios" : "uefi",
                ["uuid"] = client.Uuid?.ToString() ?? "",
                ["vendorClass"] = client.VendorClass ?? "",
            }));
        return ValueTask.CompletedTask;
    }
}
