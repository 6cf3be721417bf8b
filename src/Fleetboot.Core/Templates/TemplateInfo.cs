namespace Fleetboot.Core.Templates;

/// <summary>The template in force under a name: the operator's newest version, or the built-in (<see cref="Version"/> 0).</summary>
public sealed record TemplateInfo(string Name, string Content, int Version, bool IsBuiltIn, DateTimeOffset? UpdatedAt);
