namespace Fleetboot.Contracts;

/// <summary>Body of <c>POST /api/v1/macs/reservations</c>.</summary>
public sealed record MacReserveRequest(string? Mac, string? Note = null);
