using System.Text.Json.Serialization;

namespace Fleetboot.Cli.Lab;

[JsonSerializable(typeof(LabState))]
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class LabJson : JsonSerializerContext;
