using System.Collections.Concurrent;

namespace Fleetboot.Core.Events;

/// <summary>
/// Which machine last used which IPv4 address, learnt from requests that named their MAC and from DHCP
/// leases, so that requests naming no MAC (asset fetches, TFTP by address) are attributed to a machine.
/// </summary>
public sealed class MachineAddressBook
{
    private const int Limit = 65_536;
    private readonly ConcurrentDictionary<string, string> _machineByAddress = new(StringComparer.Ordinal);

    public void Remember(string? ip, string machineId)
    {
        if (ip is null || ip == "0.0.0.0") return;
        if (_machineByAddress.Count >= Limit) _machineByAddress.Clear();
        _machineByAddress[ip] = machineId;
    }

    public string? MachineAt(string? ip) => ip is not null && _machineByAddress.TryGetValue(ip, out var id) ? id : null;
}
