namespace Fleetboot.Http.Admin;

/// <summary>A request body that may have failed to parse; see <see cref="JsonBody{T}"/>.</summary>
internal interface IJsonBody
{
    string? ErrorField { get; }
    string? Error { get; }
}
