namespace Fleetboot.Core.Abstractions;

public sealed record MacReservation(Machines.MacAddress Mac, string? Note, DateTimeOffset CreatedAt);
