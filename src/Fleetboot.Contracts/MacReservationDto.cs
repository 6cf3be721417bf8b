namespace Fleetboot.Contracts;

/// <summary>A MAC address set aside so that allocation never hands it out twice.</summary>
public sealed record MacReservationDto(string Mac, string? Note, DateTimeOffset CreatedAt);
