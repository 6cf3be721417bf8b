using System.Text.Json.Serialization;

namespace Fleetboot.Contracts;

/// <summary>CPU architecture of a machine, as the API writes it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MachineArch>))]
public enum MachineArch
{
    [JsonStringEnumMemberName("x86_64")]
    X86_64,

    [JsonStringEnumMemberName("arm64")]
    Arm64,
}
