namespace Fleetboot.Core.Templates;

/// <summary>One stored version of an operator's template; the highest version is in force.</summary>
public sealed record TemplateVersion(string Name, int Version, string Content, DateTimeOffset CreatedAt);
