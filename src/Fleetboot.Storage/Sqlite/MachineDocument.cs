using System.Text.Json.Nodes;
using Fleetboot.Core.Machines;

namespace Fleetboot.Storage.Sqlite;

/// <summary>The machine fields that no query filters on, stored as the <c>machines.doc</c> JSON column.</summary>
internal sealed record MachineDocument(
    string? Serial,
    CpuArchitecture Arch,
    FirmwareKind? Firmware,
    IReadOnlyList<string> Features,
    JsonObject? Specs,
    JsonObject? Metadata,
    string Token,
    string? StateReason = null,
    string? Phase = null,
    int? Percent = null,
    DateTimeOffset? StateChangedAt = null,
    DateTimeOffset? LastActivityAt = null,
    NetbootPolicy Netboot = NetbootPolicy.Once,
    LocalBootMethod? LocalBoot = null,
    string? Loader = null);
