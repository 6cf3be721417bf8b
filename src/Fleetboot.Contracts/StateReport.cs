namespace Fleetboot.Contracts;

/// <summary>Body of the homelab path <c>POST /api/state</c>.</summary>
/// <param name="State"><c>done</c>, <c>installed</c> or <c>complete</c>: the install finished; <c>failed</c> or <c>error</c>: it failed; any other word: progress in that phase.</param>
public sealed record StateReport(string? Mac, string? State, string? Message = null);
