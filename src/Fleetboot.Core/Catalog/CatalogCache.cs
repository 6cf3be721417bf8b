using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Templates;

namespace Fleetboot.Core.Catalog;

/// <summary>
/// Keeps profiles, groups and templates in memory so a boot request costs one machine lookup.
/// Writers through this process invalidate it; <see cref="MaxAge"/> bounds how stale it can be
/// when another server sharing the database wrote.
/// </summary>
public sealed class CatalogCache(IProfileStore profiles, IGroupStore groups, ITemplateStore templates, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Entry? _current;
    private long _generation;

    private sealed record Entry(CatalogSnapshot Snapshot, long LoadedAt, long Generation);

    private bool IsFresh(Entry? entry) =>
        entry is not null && entry.Generation == Interlocked.Read(ref _generation) && time.GetElapsedTime(entry.LoadedAt) < MaxAge;

    public async ValueTask<CatalogSnapshot> GetAsync(CancellationToken ct)
    {
        var entry = _current;
        if (IsFresh(entry)) return entry!.Snapshot;
        await _reload.WaitAsync(ct);
        try
        {
            entry = _current;
            if (IsFresh(entry)) return entry!.Snapshot;
            var generation = Interlocked.Read(ref _generation);
            var started = time.GetTimestamp();
            var snapshot = new CatalogSnapshot(
                (await profiles.ListAsync(ct)).ToDictionary(p => p.Id, StringComparer.Ordinal),
                await groups.ListAsync(ct),
                (await templates.ListCurrentAsync(ct)).ToDictionary(t => t.Name, t => t.Content, StringComparer.Ordinal));
            // A reload only because of age keeps the old snapshot when nothing changed, so that what was rendered from
            // it (keyed by the snapshot) stays valid.
            if (entry is not null && entry.Generation == generation && SameContent(entry.Snapshot, snapshot)) snapshot = entry.Snapshot;
            _current = new Entry(snapshot, started, generation);
            return snapshot;
        }
        finally
        {
            _reload.Release();
        }
    }

    public void Dispose() => _reload.Dispose();

    private static bool SameContent(CatalogSnapshot old, CatalogSnapshot now) =>
        old.Profiles.Count == now.Profiles.Count
        && now.Profiles.All(p => old.Profiles.TryGetValue(p.Key, out var o) && o.UpdatedAt == p.Value.UpdatedAt)
        && old.Groups.Select(g => (g.Id, g.UpdatedAt)).SequenceEqual(now.Groups.Select(g => (g.Id, g.UpdatedAt)))
        && old.Templates.Count == now.Templates.Count
        && now.Templates.All(t => old.Templates.TryGetValue(t.Key, out var o) && string.Equals(o, t.Value, StringComparison.Ordinal));

    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>The operator's version of a template, else the built-in.</summary>
    public static string TemplateSource(CatalogSnapshot snapshot, string name) =>
        snapshot.Templates.TryGetValue(name, out var custom) ? custom : BuiltInTemplates.All[name];
}
