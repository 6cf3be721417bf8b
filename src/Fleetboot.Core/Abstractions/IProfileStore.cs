using Fleetboot.Core.Profiles;

namespace Fleetboot.Core.Abstractions;

public interface IProfileStore
{
    Task<Profile?> GetAsync(string id, CancellationToken ct);
    Task<IReadOnlyList<Profile>> ListAsync(CancellationToken ct);

    /// <exception cref="UniqueConflictException">a profile with that id exists.</exception>
    Task AddAsync(Profile profile, CancellationToken ct);
    Task<bool> UpdateAsync(Profile profile, CancellationToken ct);
    Task<bool> RemoveAsync(string id, CancellationToken ct);
}
