namespace Fleetboot.Core.Events;

/// <summary>A stored event's count of identical repeats so far, and when the last one happened.</summary>
public readonly record struct BootEventRepeat(long Id, int Count, DateTimeOffset LastTime);
