using System.Text.Json.Serialization;

namespace Fleetboot.Contracts;

/// <summary>Firmware of a machine, as the API writes it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MachineFirmware>))]
public enum MachineFirmware
{
    [JsonStringEnumMemberName("bios")]
    Bios,

    [JsonStringEnumMemberName("uefi")]
    Uefi,
}
