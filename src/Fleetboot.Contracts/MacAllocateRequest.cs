namespace Fleetboot.Contracts;

/// <summary>Body of <c>POST /api/v1/macs/allocate</c>.</summary>
/// <param name="Count">How many addresses to allocate (1 to 1000).</param>
/// <param name="Prefix">Leading octets, such as <c>02:00</c> or <c>bc:24:11</c>; the server's configured prefix when empty.</param>
/// <param name="Note">Free text kept with each reservation.</param>
public sealed record MacAllocateRequest(int Count = 1, string? Prefix = null, string? Note = null);
