using System.Text.Json;
using Fleetboot.Contracts;

namespace Fleetboot.Client;

/// <summary>The wire spelling of enum values (the same as in JSON bodies), for query strings.</summary>
public static class JsonNaming
{
    public static string EnumValue(MachineState state) =>
        JsonSerializer.Serialize(state, FleetbootJsonContext.Default.MachineState).Trim('"');
}
