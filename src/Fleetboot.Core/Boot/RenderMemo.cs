using System.Runtime.CompilerServices;
using System.Text;
using Fleetboot.Core.Catalog;
using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Boot;

/// <summary>
/// What was rendered for a machine, kept with the machine instance it was rendered from. A render depends only on
/// the machine, the catalog snapshot and the request, and both the machine cache and the catalog cache hand out a
/// new instance when anything changed, so the same instances and the same request give the same text. Entries go
/// away with the machine instance.
/// </summary>
internal sealed class RenderMemo
{
    /// <summary>Distinct requests remembered per machine (artifacts times the addresses it uses); more start over.</summary>
    private const int PerMachine = 16;

    private readonly ConditionalWeakTable<Machine, Entry> _entries = new();

    private sealed class Entry(CatalogSnapshot snapshot)
    {
        public CatalogSnapshot Snapshot { get; } = snapshot;
        public Dictionary<string, RenderResult> Results { get; } = new(StringComparer.Ordinal);
    }

    public bool TryGet(Machine machine, CatalogSnapshot snapshot, string key, out RenderResult result)
    {
        result = null!;
        if (!_entries.TryGetValue(machine, out var entry) || !ReferenceEquals(entry.Snapshot, snapshot)) return false;
        lock (entry) return entry.Results.TryGetValue(key, out result!);
    }

    public void Remember(Machine machine, CatalogSnapshot snapshot, string key, RenderResult result)
    {
        var entry = _entries.GetValue(machine, _ => new Entry(snapshot));
        if (!ReferenceEquals(entry.Snapshot, snapshot))
        {
            entry = new Entry(snapshot);
            _entries.AddOrUpdate(machine, entry);
        }
        lock (entry)
        {
            if (entry.Results.Count >= PerMachine) entry.Results.Clear();
            entry.Results[key] = result;
        }
    }

    /// <summary>Everything of the request that a template or the group selectors can see, each part length-prefixed.</summary>
    public static string KeyOf(BootRequest request, BootArtifact artifact)
    {
        var key = new StringBuilder(256);
        void Part(string? value) => key.Append(value?.Length ?? -1).Append(':').Append(value);
        Part(artifact.ToString());
        Part(request.Mac?.ToString());
        Part(request.Uuid?.ToString());
        Part(request.Hostname);
        Part(request.Serial);
        Part(request.Arch);
        Part(request.Platform);
        Part(request.ClientAddress);
        Part(request.BaseUrl);
        Part(request.TftpAddress);
        foreach (var (name, value) in request.Query.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            Part(name);
            Part(value);
        }
        return key.ToString();
    }
}
