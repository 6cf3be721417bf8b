using Fleetboot.Core.Groups;

namespace Fleetboot.Core.Abstractions;

public interface IGroupStore
{
    Task<Group?> GetAsync(string id, CancellationToken ct);
    Task<IReadOnlyList<Group>> ListAsync(CancellationToken ct);

    /// <exception cref="UniqueConflictException">a group with that id exists.</exception>
    Task AddAsync(Group group, CancellationToken ct);
    Task<bool> UpdateAsync(Group group, CancellationToken ct);
    Task<bool> RemoveAsync(string id, CancellationToken ct);
}
