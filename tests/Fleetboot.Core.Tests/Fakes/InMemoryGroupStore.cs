using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Groups;

namespace Fleetboot.Core.Tests.Fakes;

internal sealed class InMemoryGroupStore : IGroupStore
{
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);

    public Task<Group?> GetAsync(string id, CancellationToken ct) => Task.FromResult(_groups.GetValueOrDefault(id));

    public Task<IReadOnlyList<Group>> ListAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Group>>(_groups.Values.OrderBy(g => g.Id, StringComparer.Ordinal).ToList());

    public Task AddAsync(Group group, CancellationToken ct)
    {
        if (!_groups.TryAdd(group.Id, group)) throw new UniqueConflictException("id", group.Id, group.Id);
        return Task.CompletedTask;
    }

    public Task<bool> UpdateAsync(Group group, CancellationToken ct)
    {
        if (!_groups.ContainsKey(group.Id)) return Task.FromResult(false);
        _groups[group.Id] = group;
        return Task.FromResult(true);
    }

    public Task<bool> RemoveAsync(string id, CancellationToken ct) => Task.FromResult(_groups.Remove(id));
}
