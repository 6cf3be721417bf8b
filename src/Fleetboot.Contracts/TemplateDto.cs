namespace Fleetboot.Contracts;

/// <summary>A template: the operator's version in force, or the built-in one (<see cref="BuiltIn"/>, version 0).</summary>
public sealed record TemplateDto
{
    public required string Name { get; init; }

    /// <summary>Version number of the operator's template; 0 for the built-in.</summary>
    public int Version { get; init; }
    public bool BuiltIn { get; init; }
    public required string Content { get; init; }

    /// <summary>When this version was stored; null for the built-in.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
