using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Events;

/// <summary><c>fleetboot events tail</c></summary>
internal static class EventsCommand
{
    public static Command Create() => new("events", "the boot timeline: DHCP, TFTP, HTTP requests, callbacks and changes of state")
    {
        EventsTailCommand.Create(),
    };
}
