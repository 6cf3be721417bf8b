namespace Fleetboot.Core.Dhcp;

/// <summary>One problem with a subnet's configuration.</summary>
/// <param name="Subnet">The subnet's name (empty when it has none).</param>
/// <param name="Field">The setting at fault, as the API and YAML name it (<c>pools</c>, <c>router</c>…).</param>
/// <param name="IsConflict">The subnet is fine alone but clashes with another subnet (overlap, duplicate name).</param>
/// <param name="Other">The other subnet of a clash, when there is one.</param>
public sealed record DhcpSubnetError(string Subnet, string Field, string Message, bool IsConflict = false, string? Other = null)
{
    public override string ToString() => Subnet.Length == 0 ? Message : $"subnet '{Subnet}': {Message}";
}
