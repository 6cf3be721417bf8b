namespace Fleetboot.Contracts;

/// <summary>Body of <c>POST /api/v1/templates/{name}/rollback</c>: the version whose content becomes a new version.</summary>
public sealed record TemplateRollbackRequest(int Version);
