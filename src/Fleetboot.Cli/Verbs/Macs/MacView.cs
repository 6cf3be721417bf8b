using System.Globalization;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Macs;

/// <summary>How MAC reservations look in tables.</summary>
internal static class MacView
{
    public static void List(CliOutput output, IReadOnlyList<MacReservationDto> reservations) =>
        output.JsonOrTable(reservations, CliOutput.Json.IReadOnlyListMacReservationDto,
            ("MAC", r => r.Mac),
            ("NOTE", r => r.Note),
            ("RESERVED", r => r.CreatedAt.ToString("u", CultureInfo.InvariantCulture)));
}
