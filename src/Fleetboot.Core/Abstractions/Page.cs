namespace Fleetboot.Core.Abstractions;

/// <summary>One page of a longer list; <see cref="Total"/> counts every match.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit);
