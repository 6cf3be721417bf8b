namespace Fleetboot.Contracts;

/// <summary>Body of <c>PUT /api/v1/templates/{name}</c>: the content of the next version.</summary>
public sealed record TemplateSetRequest(string? Content);
