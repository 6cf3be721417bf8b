using Fleetboot.Client;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Events;

/// <summary>Names events' machines by host name (else MAC), asking the server once per machine it has not seen.</summary>
internal sealed class MachineNameCache(FleetbootClient client)
{
    private readonly Dictionary<string, string?> _hostnames = new(StringComparer.Ordinal);

    public async Task LoadAsync(CancellationToken ct)
    {
        for (var offset = 0; ; offset += 1000)
        {
            var page = await client.ListMachinesAsync(new MachineFilter { Offset = offset, Limit = 1000 }, ct);
            foreach (var m in page.Items) _hostnames[m.Id] = m.Hostname;
            if (page.Items.Count < 1000 || offset + page.Items.Count >= page.Total) break;
        }
    }

    /// <summary>The name from what is already known.</summary>
    public string Known(BootEventDto e) =>
        e.MachineId is { } id && _hostnames.TryGetValue(id, out var name) && name is not null ? name : e.Mac ?? e.MachineId ?? "-";

    /// <summary>The name, asking the server about a machine not seen before.</summary>
    public async Task<string> NameAsync(BootEventDto e, CancellationToken ct)
    {
        if (e.MachineId is { } id && !_hostnames.ContainsKey(id))
        {
            try
            {
                _hostnames[id] = (await client.GetMachineAsync(id, ct)).Hostname;
            }
            catch (FleetbootApiException)
            {
                _hostnames[id] = null; // removed since: the MAC names it
            }
        }
        return Known(e);
    }
}
