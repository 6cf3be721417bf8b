using System.Text.Json.Serialization;

namespace Fleetboot.Storage.Sqlite.Subnets;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SubnetDocument))]
internal sealed partial class SubnetJsonContext : JsonSerializerContext;
