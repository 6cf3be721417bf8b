using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Subnets;

/// <summary><c>fleetboot subnets remove NAME</c></summary>
internal static class SubnetsRemoveCommand
{
    public static Command Create() =>
        RemoveVerb.Create("remove", "remove a DHCP subnet (its leases stay stored)", new Argument<string>("NAME") { Description = "subnet name" },
            (client, name, ct) => client.RemoveSubnetAsync(name, ct), "removed subnet");
}
