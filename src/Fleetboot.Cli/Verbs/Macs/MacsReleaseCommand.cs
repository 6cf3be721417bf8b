using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Macs;

/// <summary><c>fleetboot macs release MAC</c></summary>
internal static class MacsReleaseCommand
{
    public static Command Create() =>
        RemoveVerb.Create("release", "give a reserved MAC address back", new Argument<string>("MAC") { Description = "a reserved address" },
            (client, mac, ct) => client.ReleaseMacAsync(mac, ct), "released");
}
