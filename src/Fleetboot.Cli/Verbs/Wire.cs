using System.Text.Json;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs;

/// <summary>Enum values spelled as the API spells them.</summary>
internal static class Wire
{
    public static string Name(MachineState value) => Unquote(JsonSerializer.Serialize(value, FleetbootJsonContext.Default.MachineState));
    public static string Name(MachineArch value) => Unquote(JsonSerializer.Serialize(value, FleetbootJsonContext.Default.MachineArch));
    public static string Name(MachineFirmware value) => Unquote(JsonSerializer.Serialize(value, FleetbootJsonContext.Default.MachineFirmware));

    public static MachineState ParseState(string text)
    {
        try
        {
            return JsonSerializer.Deserialize($"\"{text.Trim().ToLowerInvariant()}\"", FleetbootJsonContext.Default.MachineState);
        }
        catch (JsonException)
        {
            throw new CliException($"--state '{text}' is not a state ({string.Join(", ", Enum.GetValues<MachineState>().Select(Name))})", ExitCodes.Usage);
        }
    }

    private static string Unquote(string json) => json.Trim('"');
}
