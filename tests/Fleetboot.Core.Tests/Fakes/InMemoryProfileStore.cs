using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Profiles;

namespace Fleetboot.Core.Tests.Fakes;

internal sealed class InMemoryProfileStore : IProfileStore
{
    private readonly Dictionary<string, Profile> _profiles = new(StringComparer.Ordinal);

    /// <summary>How many times the whole list was read (the catalog cache's loads).</summary>
    public int ListCalls { get; private set; }

    public Task<Profile?> GetAsync(string id, CancellationToken ct) => Task.FromResult(_profiles.GetValueOrDefault(id));

    public Task<IReadOnlyList<Profile>> ListAsync(CancellationToken ct)
    {
        ListCalls++;
        return Task.FromResult<IReadOnlyList<Profile>>(_profiles.Values.OrderBy(p => p.Id, StringComparer.Ordinal).ToList());
    }

    public Task AddAsync(Profile profile, CancellationToken ct)
    {
        if (!_profiles.TryAdd(profile.Id, profile)) throw new UniqueConflictException("id", profile.Id, profile.Id);
        return Task.CompletedTask;
    }

    public Task<bool> UpdateAsync(Profile profile, CancellationToken ct)
    {
        if (!_profiles.ContainsKey(profile.Id)) return Task.FromResult(false);
        _profiles[profile.Id] = profile;
        return Task.FromResult(true);
    }

    public Task<bool> RemoveAsync(string id, CancellationToken ct) => Task.FromResult(_profiles.Remove(id));
}
