namespace Fleetboot.Core.Dhcp;

/// <summary>A subnet change was refused because it clashes with another subnet (overlap, taken name) or with the configuration file.</summary>
public sealed class DhcpSubnetConflictException(IReadOnlyList<DhcpSubnetError> errors)
    : Exception(string.Join("; ", errors))
{
    public IReadOnlyList<DhcpSubnetError> Errors { get; } = errors;
}
