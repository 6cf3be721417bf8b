using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fleetboot.Contracts;

/// <summary>Source-generated serialization for every API resource: camelCase names, enums as strings.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UseStringEnumConverter = true,
    WriteIndented = false)]
[JsonSerializable(typeof(MachineRequest))]
[JsonSerializable(typeof(MachineDto))]
[JsonSerializable(typeof(MachinePage))]
[JsonSerializable(typeof(ProfileRequest))]
[JsonSerializable(typeof(ProfileDto))]
[JsonSerializable(typeof(IReadOnlyList<ProfileDto>))]
[JsonSerializable(typeof(GroupRequest))]
[JsonSerializable(typeof(GroupDto))]
[JsonSerializable(typeof(IReadOnlyList<GroupDto>))]
[JsonSerializable(typeof(TemplateDto))]
[JsonSerializable(typeof(IReadOnlyList<TemplateDto>))]
[JsonSerializable(typeof(TemplateSetRequest))]
[JsonSerializable(typeof(TemplateRollbackRequest))]
[JsonSerializable(typeof(MacAllocateRequest))]
[JsonSerializable(typeof(MacReserveRequest))]
[JsonSerializable(typeof(MacReservationDto))]
[JsonSerializable(typeof(IReadOnlyList<MacReservationDto>))]
[JsonSerializable(typeof(IReadOnlyList<LeaseDto>))]
[JsonSerializable(typeof(SubnetRequest))]
[JsonSerializable(typeof(SubnetDto))]
[JsonSerializable(typeof(IReadOnlyList<SubnetDto>))]
[JsonSerializable(typeof(RenderPreviewDto))]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(BootEventDto))]
[JsonSerializable(typeof(IReadOnlyList<BootEventDto>))]
[JsonSerializable(typeof(AdoptRequest))]
[JsonSerializable(typeof(ProgressReport))]
[JsonSerializable(typeof(DoneReport))]
[JsonSerializable(typeof(FailureReport))]
[JsonSerializable(typeof(StateReport))]
[JsonSerializable(typeof(DataReport))]
[JsonSerializable(typeof(MachineStatusDto))]
[JsonSerializable(typeof(IReadOnlyList<MachineStatusDto>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
public sealed partial class FleetbootJsonContext : JsonSerializerContext;
