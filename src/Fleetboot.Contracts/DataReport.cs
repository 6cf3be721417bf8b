namespace Fleetboot.Contracts;

/// <summary>Body of the homelab path <c>POST /api/data</c>: a per-machine value that survives reinstalls.</summary>
public sealed record DataReport(string? Mac, string? Key, string? Value);
