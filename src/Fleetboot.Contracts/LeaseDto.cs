namespace Fleetboot.Contracts;

/// <summary>A DHCP lease as stored: <c>state</c> is active, released or declined.</summary>
public sealed record LeaseDto(string Address, string Mac, string ClientId, string Subnet, string State, DateTimeOffset Start, DateTimeOffset Expires, string? Hostname);
