using System.Text;
using Fleetboot.Core.Catalog;
using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Boot;

/// <summary>
/// What was rendered for each machine, with the machine instance it was rendered from. A render depends only on the
/// machine, the catalog snapshot and the request, and both the machine cache and the catalog cache hand out a new
/// instance when anything changed, so the same instances and the same request give the same text. A copy that differs
/// only in its activity stamp (which no template sees; the cache stamps its copies every half minute of a boot storm)
/// renders the same too.
/// </summary>
internal sealed class RenderMemo
{
    /// <summary>Distinct requests remembered per machine (artifacts times the addresses it uses); more start over.</summary>
    private const int PerMachine = 16;

    /// <summary>Machines remembered at most (removed machines stay until then); more start over.</summary>
    private const int Machines = 50_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed class Entry(Machine machine, CatalogSnapshot snapshot)
    {
        public Machine Machine { get; set; } = machine;
        public CatalogSnapshot Snapshot { get; } = snapshot;
        public Dictionary<string, RenderResult> Results { get; } = new(StringComparer.Ordinal);
    }

    public bool TryGet(Machine machine, CatalogSnapshot snapshot, string key, out RenderResult result)
    {
        result = null!;
        lock (_lock) return Current(machine, snapshot) is { } entry && entry.Results.TryGetValue(key, out result!);
    }

    public void Remember(Machine machine, CatalogSnapshot snapshot, string key, RenderResult result)
    {
        lock (_lock)
        {
            if (Current(machine, snapshot) is not { } entry)
            {
                if (_entries.Count >= Machines) _entries.Clear();
                entry = new Entry(machine, snapshot);
                _entries[machine.Id] = entry;
            }
            if (entry.Results.Count >= PerMachine) entry.Results.Clear();
            entry.Results[key] = result;
        }
    }

    /// <summary>The machine's entry when it still holds for this instance and snapshot; it then remembers the instance, so the next lookup is by reference.</summary>
    private Entry? Current(Machine machine, CatalogSnapshot snapshot)
    {
        if (!_entries.TryGetValue(machine.Id, out var entry) || !ReferenceEquals(entry.Snapshot, snapshot)) return null;
        if (ReferenceEquals(entry.Machine, machine)) return entry;
        if (!RendersAlike(entry.Machine, machine)) return null;
        entry.Machine = machine;
        return entry;
    }

    /// <summary>Equal but for the activity stamp (record equality: collections must be the same instances, as in a copy made with <c>with</c>).</summary>
    private static bool RendersAlike(Machine rendered, Machine machine) =>
        rendered.LastActivityAt != machine.LastActivityAt && rendered with { LastActivityAt = machine.LastActivityAt } == machine;

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
