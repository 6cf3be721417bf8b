namespace Fleetboot.Contracts;

/// <summary>Body of <c>POST /api/v1/boot/{mac}/failed</c>.</summary>
/// <param name="Reason">Why the install failed; shown as the machine's state reason.</param>
/// <param name="Log">The installer's log (at most 1 MiB of UTF-8), kept and served at <c>GET /api/v1/machines/{ref}/log</c>.</param>
public sealed record FailureReport(string? Reason = null, string? Log = null);
