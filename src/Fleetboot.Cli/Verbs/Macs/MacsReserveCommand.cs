using System.CommandLine;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Macs;

/// <summary><c>fleetboot macs reserve MAC [--note TEXT]</c></summary>
internal static class MacsReserveCommand
{
    public static Command Create()
    {
        var mac = new Argument<string>("MAC") { Description = "the address to set aside" };
        var note = new Option<string?>("--note") { Description = "note kept with the reservation", HelpName = "TEXT" };
        var command = new Command("reserve", "set a MAC address aside so allocation never hands it out");
        command.Arguments.Add(mac);
        command.Options.Add(note);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var reservation = await context.Client.ReserveMacAsync(new MacReserveRequest(parse.GetRequiredValue(mac), parse.GetValue(note)), ct);
            if (context.Output.IsJson) context.Output.WriteJson(reservation, CliOutput.Json.MacReservationDto);
            else context.Output.Line($"reserved {reservation.Mac}");
        });
        return command;
    }
}
