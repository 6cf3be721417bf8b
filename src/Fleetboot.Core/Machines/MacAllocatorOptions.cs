namespace Fleetboot.Core.Machines;

public sealed record MacAllocatorOptions
{
    /// <summary>Leading octets of allocated MACs; the default is a locally administered range.</summary>
    public string Prefix { get; init; } = "02:fb";
}
