namespace Fleetboot.Storage;

/// <summary>The database was written by a newer Fleetboot (or holds migrations this build does not know); start-up must stop.</summary>
public sealed class SchemaVersionException(string message) : Exception(message);
