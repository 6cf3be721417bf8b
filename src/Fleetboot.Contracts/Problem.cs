using System.Text.Json.Serialization;

namespace Fleetboot.Contracts;

/// <summary>
/// RFC 9457 problem details as the API sends them for every error, with Fleetboot's extensions:
/// <see cref="Errors"/> (field → messages) on 400, <see cref="Field"/>/<see cref="Value"/>/<see cref="Holder"/> on 409,
/// <see cref="Line"/>/<see cref="Column"/> on a render error, <see cref="State"/>/<see cref="Allowed"/> on an invalid transition.
/// </summary>
public sealed record Problem
{
    public string? Type { get; init; }
    public string? Title { get; init; }
    public int? Status { get; init; }
    public string? Detail { get; init; }
    public string? Instance { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Field { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Value { get; init; }

    /// <summary>Id of the machine (or other resource) that holds the conflicting value.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Holder { get; init; }

    /// <summary>The holder's host name, when the holder is a machine that has one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? HolderName { get; init; }

    /// <summary>For a render error: the template that failed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Template { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Line { get; init; }

    /// <summary>For an invalid lifecycle transition (409): the machine's state.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? State { get; init; }

    /// <summary>For an invalid lifecycle transition (409): the commands the machine's state accepts.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Allowed { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Column { get; init; }
}
