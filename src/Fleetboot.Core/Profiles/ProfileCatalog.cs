using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Catalog;
using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Templates;
using Fleetboot.Core.Validation;

namespace Fleetboot.Core.Profiles;

/// <summary>Validates and stores profiles; every template in a profile must parse before it is stored.</summary>
public sealed class ProfileCatalog(IProfileStore profiles, IGroupStore groups, IMachineStore machines, CatalogCache cache, TemplateEngine engine, TimeProvider time)
{
    public Task<Profile?> GetAsync(string id, CancellationToken ct) => profiles.GetAsync(id, ct);

    public Task<IReadOnlyList<Profile>> ListAsync(CancellationToken ct) => profiles.ListAsync(ct);

    /// <exception cref="ValidationException"/>
    /// <exception cref="UniqueConflictException">the id is taken.</exception>
    public async Task<Profile> AddAsync(Profile profile, CancellationToken ct)
    {
        profile = Validate(profile) with { UpdatedAt = time.GetUtcNow() };
        await profiles.AddAsync(profile, ct);
        cache.Invalidate();
        return profile;
    }

    /// <returns>null when there is no profile with that id.</returns>
    public async Task<Profile?> ReplaceAsync(Profile profile, CancellationToken ct)
    {
        profile = Validate(profile) with { UpdatedAt = time.GetUtcNow() };
        var updated = await profiles.UpdateAsync(profile, ct);
        cache.Invalidate();
        return updated ? profile : null;
    }

    /// <exception cref="ResourceInUseException">a group or machine still uses the profile.</exception>
    public async Task<bool> RemoveAsync(string id, CancellationToken ct)
    {
        var group = (await groups.ListAsync(ct)).FirstOrDefault(g => g.ProfileId == id);
        if (group is not null) throw new ResourceInUseException($"profile {id}", $"group {group.Id}");
        var users = (await machines.ListAsync(new MachineQuery { ProfileId = id, Limit = 1 }, ct)).Items;
        if (users is [var machine, ..]) throw new ResourceInUseException($"profile {id}", $"machine {machine.Hostname ?? machine.Id}");
        var removed = await profiles.RemoveAsync(id, ct);
        cache.Invalidate();
        return removed;
    }

    private Profile Validate(Profile profile)
    {
        var errors = new FieldErrors();
        errors.CheckId("id", profile.Id);
        CheckTemplate(errors, "kernel", profile.Kernel);
        for (int i = 0; i < profile.Initrds.Count; i++) CheckTemplate(errors, $"initrds[{i}]", profile.Initrds[i]);
        CheckTemplate(errors, "args", profile.Args);
        CheckTemplate(errors, "rootfs", profile.Rootfs);
        foreach (var (kind, text) in profile.Configs)
        {
            if (!ConfigKinds.IsKnown(kind))
                errors.Add($"configs.{kind}", $"unknown config kind; use one of {string.Join(", ", ConfigKinds.ContentTypes.Keys)}");
            else CheckTemplate(errors, $"configs.{kind}", text);
        }
        foreach (var (name, text) in profile.Files)
        {
            errors.CheckId($"files.{name}", name);
            CheckTemplate(errors, $"files.{name}", text);
        }
        if (profile.InstallTimeoutMinutes is <= 0)
            errors.Add("installTimeoutMinutes", "must be a positive number of minutes (leave it out for the default, 30)");
        string? loader = null;
        if (!string.IsNullOrWhiteSpace(profile.Loader) && !BootLoaderChoice.TryNormalize(profile.Loader, out loader, out var loaderError))
            errors.Add("loader", loaderError);
        errors.ThrowIfAny();
        return profile with { Initrds = profile.Initrds.Where(i => !string.IsNullOrWhiteSpace(i)).ToList(), Loader = loader };
    }

    private void CheckTemplate(FieldErrors errors, string field, string? text)
    {
        if (text is null) return;
        try
        {
            engine.Validate(field, text);
        }
        catch (TemplateRenderException e)
        {
            errors.Add(field, e.Error.Line is null ? e.Error.Message : $"line {e.Error.Line}, column {e.Error.Column}: {e.Error.Message}");
        }
    }
}
