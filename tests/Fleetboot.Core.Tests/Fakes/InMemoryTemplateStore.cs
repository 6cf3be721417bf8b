using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Templates;

namespace Fleetboot.Core.Tests.Fakes;

internal sealed class InMemoryTemplateStore(TimeProvider time) : ITemplateStore
{
    private readonly Dictionary<string, List<TemplateVersion>> _versions = new(StringComparer.Ordinal);

    public Task<TemplateVersion?> GetCurrentAsync(string name, CancellationToken ct) =>
        Task.FromResult(_versions.TryGetValue(name, out var list) ? list[^1] : null);

    public Task<IReadOnlyList<TemplateVersion>> ListCurrentAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<TemplateVersion>>(_versions.Values.Select(l => l[^1]).ToList());

    public Task<IReadOnlyList<TemplateVersion>> GetHistoryAsync(string name, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<TemplateVersion>>(_versions.TryGetValue(name, out var list) ? list.ToList() : []);

    public Task<TemplateVersion> AddVersionAsync(string name, string content, CancellationToken ct)
    {
        if (!_versions.TryGetValue(name, out var list)) _versions[name] = list = [];
        var version = new TemplateVersion(name, list.Count == 0 ? 1 : list[^1].Version + 1, content, time.GetUtcNow());
        list.Add(version);
        return Task.FromResult(version);
    }

    public Task<bool> RemoveAsync(string name, CancellationToken ct) => Task.FromResult(_versions.Remove(name));
}
