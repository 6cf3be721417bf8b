namespace Fleetboot.Contracts;

/// <summary>Body of <c>POST /api/v1/boot/{mac}/progress</c>, sent by an installer; every field is optional.</summary>
/// <param name="Percent">0-100; values outside are clamped.</param>
public sealed record ProgressReport(string? Phase = null, string? Message = null, int? Percent = null);
