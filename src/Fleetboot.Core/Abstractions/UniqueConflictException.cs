namespace Fleetboot.Core.Abstractions;

/// <summary>A write would give a unique value (a MAC, hostname, UUID, static IP or id) a second holder.</summary>
public sealed class UniqueConflictException(string field, string value, string holderId)
    : Exception($"{field} {value} is already held by {holderId}")
{
    public string Field { get; } = field;
    public string Value { get; } = value;
    public string HolderId { get; } = holderId;
}
