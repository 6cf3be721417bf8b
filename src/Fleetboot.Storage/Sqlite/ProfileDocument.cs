using System.Text.Json.Nodes;

namespace Fleetboot.Storage.Sqlite;

/// <summary>The profile fields stored as the <c>profiles.doc</c> JSON column.</summary>
internal sealed record ProfileDocument(
    string? Description,
    string? Kernel,
    IReadOnlyList<string> Initrds,
    string? Args,
    string? Rootfs,
    IReadOnlyDictionary<string, string> Configs,
    IReadOnlyDictionary<string, string> Files,
    JsonObject? Metadata,
    Fleetboot.Core.Machines.LocalBootMethod? LocalBoot = null,
    int? InstallTimeoutMinutes = null,
    string? Loader = null);
