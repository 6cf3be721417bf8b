using System.Text.Json.Serialization;

namespace Fleetboot.Storage.Sqlite;

/// <summary>Source-generated serialisation of the JSON columns. Enums are stored by name, so reordering an enum never changes stored meaning.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MachineDocument))]
[JsonSerializable(typeof(ProfileDocument))]
[JsonSerializable(typeof(GroupDocument))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SqliteJsonContext : JsonSerializerContext;
