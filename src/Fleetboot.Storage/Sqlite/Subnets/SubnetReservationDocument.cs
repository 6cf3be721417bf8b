namespace Fleetboot.Storage.Sqlite.Subnets;

internal sealed record SubnetReservationDocument(string Mac, string Address, string? HostName);
