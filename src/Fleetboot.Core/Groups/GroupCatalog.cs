using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Catalog;
using Fleetboot.Core.Validation;

namespace Fleetboot.Core.Groups;

/// <summary>Validates and stores groups; selector values are normalised so matching is a plain comparison.</summary>
public sealed class GroupCatalog(IGroupStore groups, IProfileStore profiles, CatalogCache cache, TimeProvider time)
{
    public Task<Group?> GetAsync(string id, CancellationToken ct) => groups.GetAsync(id, ct);

    public Task<IReadOnlyList<Group>> ListAsync(CancellationToken ct) => groups.ListAsync(ct);

    /// <exception cref="ValidationException"/>
    /// <exception cref="UniqueConflictException">the id is taken.</exception>
    public async Task<Group> AddAsync(Group group, CancellationToken ct)
    {
        group = await ValidateAsync(group, ct) with { UpdatedAt = time.GetUtcNow() };
        await groups.AddAsync(group, ct);
        cache.Invalidate();
        return group;
    }

    public async Task<Group?> ReplaceAsync(Group group, CancellationToken ct)
    {
        group = await ValidateAsync(group, ct) with { UpdatedAt = time.GetUtcNow() };
        var updated = await groups.UpdateAsync(group, ct);
        cache.Invalidate();
        return updated ? group : null;
    }

    public async Task<bool> RemoveAsync(string id, CancellationToken ct)
    {
        var removed = await groups.RemoveAsync(id, ct);
        cache.Invalidate();
        return removed;
    }

    private async Task<Group> ValidateAsync(Group group, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.CheckId("id", group.Id);
        if (errors.CheckId("profile", group.ProfileId) && await profiles.GetAsync(group.ProfileId, ct) is null)
            errors.Add("profile", $"no profile '{group.ProfileId}' exists (see: fleetboot profiles list)");
        var selectors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in group.Selectors)
        {
            if (SelectorValues.TryNormalise(key, value, out var normalised, out var problem)) selectors[key] = normalised;
            else errors.Add($"selectors.{key}", problem);
        }
        errors.ThrowIfAny();
        return group with { Selectors = selectors };
    }
}
