using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary><c>fleetboot machines remove REF</c></summary>
internal static class MachinesRemoveCommand
{
    public static Command Create() =>
        RemoveVerb.Create("remove", "remove a machine from the registry",
            new Argument<string>("REF") { Description = "machine id, MAC address or host name" },
            (client, reference, ct) => client.RemoveMachineAsync(reference, ct), "removed machine");
}
