using System.Globalization;
using Fleetboot.Client;
using Fleetboot.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary>What <c>machines watch</c> shows: every machine with its state, phase, last event and time in its state.</summary>
internal sealed class WatchBoard(FleetbootClient client)
{
    private readonly Dictionary<string, MachineDto> _machines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BootEventDto> _lastEvents = new(StringComparer.Ordinal);

    /// <summary>The newest event id seen; the stream resumes after it.</summary>
    public long LastEventId { get; private set; }

    /// <summary>Machines whose row changed since the last call of <see cref="TakeChanged"/>.</summary>
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);

    /// <summary>Reloads every machine (and, the first time, each one's newest event).</summary>
    /// <returns>Whether any row changed.</returns>
    public async Task<bool> RefreshAsync(bool withEvents, CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var changed = false;
        for (var offset = 0; ; offset += 1000)
        {
            var page = await client.ListMachinesAsync(new MachineFilter { Offset = offset, Limit = 1000 }, ct);
            foreach (var m in page.Items)
            {
                seen.Add(m.Id);
                changed |= Put(m);
            }
            if (page.Items.Count < 1000 || offset + page.Items.Count >= page.Total) break;
        }
        foreach (var gone in _machines.Keys.Where(id => !seen.Contains(id)).ToList())
        {
            _machines.Remove(gone);
            _changed.Add(gone);
            changed = true;
        }
        if (withEvents)
        {
            foreach (var e in await client.ListEventsAsync(limit: 1000, ct: ct)) Note(e);
        }
        return changed;
    }

    /// <summary>Takes one event from the stream: it becomes its machine's last event, and the machine is re-read.</summary>
    /// <returns>Whether any row changed.</returns>
    public async Task<bool> ApplyAsync(BootEventDto e, CancellationToken ct)
    {
        Note(e);
        if (e.MachineId is not { } id) return false;
        try
        {
            Put(await client.GetMachineAsync(id, ct));
        }
        catch (FleetbootApiException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound)
        {
            _machines.Remove(id);
        }
        _changed.Add(id);
        return true;
    }

    public IReadOnlyList<MachineDto> TakeChanged()
    {
        var changed = _changed.Where(_machines.ContainsKey).Select(id => _machines[id]).ToList();
        _changed.Clear();
        return changed;
    }

    public IRenderable Render(DateTimeOffset now)
    {
        var rows = _machines.Values
            .OrderBy(m => m.Hostname ?? "\uffff" + (m.Macs.Count > 0 ? m.Macs[0] : m.Id), StringComparer.Ordinal)
            .ToList();
        var table = CliOutput.BuildTable(rows,
            ("HOSTNAME", m => m.Hostname ?? "-"),
            ("MAC", m => m.Macs.Count > 0 ? m.Macs[0] : null),
            ("STATE", m => Wire.Name(m.State)),
            ("PHASE", m => MachineView.Phase(m)),
            ("LAST EVENT", m => LastEvent(m.Id)),
            ("IN STATE", m => m.StateChangedAt is { } at ? MachineView.Since(at, now) : null));
        table.Caption($"{rows.Count} machine(s), {now.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}; Ctrl-C to stop");
        return table;
    }

    private string? LastEvent(string machineId)
    {
        if (!_lastEvents.TryGetValue(machineId, out var e)) return null;
        var message = e.Message.ReplaceLineEndings(" ");
        if (message.Length > 60) message = message[..59] + "…";
        return $"{e.Time.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {e.Kind} {e.Outcome}: {message}";
    }

    private void Note(BootEventDto e)
    {
        if (e.Id > LastEventId) LastEventId = e.Id;
        if (e.MachineId is { } id && (!_lastEvents.TryGetValue(id, out var known) || known.Id < e.Id))
        {
            _lastEvents[id] = e;
            _changed.Add(id);
        }
    }

    private bool Put(MachineDto m)
    {
        if (_machines.TryGetValue(m.Id, out var old) && Key(old) == Key(m)) return false;
        _machines[m.Id] = m;
        _changed.Add(m.Id);
        return true;
    }

    private static (string?, string?, MachineState, string?, int?, string?, DateTimeOffset?) Key(MachineDto m) =>
        (m.Hostname, m.Macs.Count > 0 ? m.Macs[0] : null, m.State, m.Phase, m.Percent, m.StateReason, m.StateChangedAt);
}
