using System.Text.Json.Serialization;

namespace Fleetboot.Contracts;

/// <summary>Lifecycle state of a machine, as the API writes it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MachineState>))]
public enum MachineState
{
    [JsonStringEnumMemberName("discovered")]
    Discovered,

    [JsonStringEnumMemberName("registered")]
    Registered,

    [JsonStringEnumMemberName("provisioning")]
    Provisioning,

    [JsonStringEnumMemberName("installing")]
    Installing,

    [JsonStringEnumMemberName("installed")]
    Installed,

    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("retired")]
    Retired,
}
