using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Catalog;
using Fleetboot.Core.Validation;

namespace Fleetboot.Core.Templates;

/// <summary>Operators replace built-in templates here; each change is a new version and can be rolled back.</summary>
public sealed class TemplateLibrary(ITemplateStore store, CatalogCache cache, TemplateEngine engine)
{
    public async Task<IReadOnlyList<TemplateInfo>> ListAsync(CancellationToken ct)
    {
        var custom = (await store.ListCurrentAsync(ct)).ToDictionary(t => t.Name, StringComparer.Ordinal);
        return BuiltInTemplates.All.Keys.Order(StringComparer.Ordinal)
            .Select(name => custom.TryGetValue(name, out var v) ? FromVersion(v) : FromBuiltIn(name))
            .ToList();
    }

    /// <returns>null for a name that is not a template.</returns>
    public async Task<TemplateInfo?> GetAsync(string name, CancellationToken ct)
    {
        if (!BuiltInTemplates.All.ContainsKey(name)) return null;
        var current = await store.GetCurrentAsync(name, ct);
        return current is null ? FromBuiltIn(name) : FromVersion(current);
    }

    public async Task<IReadOnlyList<TemplateVersion>?> HistoryAsync(string name, CancellationToken ct) =>
        BuiltInTemplates.All.ContainsKey(name) ? await store.GetHistoryAsync(name, ct) : null;

    /// <exception cref="ValidationException">unknown name, or the content does not parse (with line and column).</exception>
    public async Task<TemplateInfo> SetAsync(string name, string content, CancellationToken ct)
    {
        CheckName(name);
        try
        {
            engine.Validate(name, content);
        }
        catch (TemplateRenderException e)
        {
            throw new ValidationException("content", e.Error.Line is null ? e.Error.Message : $"line {e.Error.Line}, column {e.Error.Column}: {e.Error.Message}");
        }
        var version = await store.AddVersionAsync(name, content, ct);
        cache.Invalidate();
        return FromVersion(version);
    }

    /// <summary>Makes an old version current again, as a new version.</summary>
    /// <returns>null when that version does not exist.</returns>
    public async Task<TemplateInfo?> RollbackAsync(string name, int version, CancellationToken ct)
    {
        CheckName(name);
        var old = (await store.GetHistoryAsync(name, ct)).FirstOrDefault(v => v.Version == version);
        return old is null ? null : await SetAsync(name, old.Content, ct);
    }

    /// <summary>Drops every operator version so the built-in applies again.</summary>
    public async Task<TemplateInfo> ResetAsync(string name, CancellationToken ct)
    {
        CheckName(name);
        await store.RemoveAsync(name, ct);
        cache.Invalidate();
        return FromBuiltIn(name);
    }

    private static void CheckName(string name)
    {
        if (!BuiltInTemplates.All.ContainsKey(name))
            throw new ValidationException("name", $"'{name}' is not a template; known: {string.Join(", ", BuiltInTemplates.All.Keys.Order(StringComparer.Ordinal))}");
    }

    private static TemplateInfo FromBuiltIn(string name) => new(name, BuiltInTemplates.All[name], 0, true, null);

    private static TemplateInfo FromVersion(TemplateVersion v) => new(v.Name, v.Content, v.Version, false, v.CreatedAt);
}
