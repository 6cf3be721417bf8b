namespace Fleetboot.Contracts;

/// <summary>A static address for one MAC inside a subnet.</summary>
public sealed record SubnetReservationDto(string Mac, string Address, string? Hostname = null);
