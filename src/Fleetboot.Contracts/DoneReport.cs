namespace Fleetboot.Contracts;

/// <summary>Body of <c>POST /api/v1/boot/{mac}/done</c>; the body may be empty.</summary>
public sealed record DoneReport(string? Message = null);
