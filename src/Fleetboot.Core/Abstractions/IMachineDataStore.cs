namespace Fleetboot.Core.Abstractions;

/// <summary>Small per-machine values that installers keep across reinstalls (the homelab seed's <c>/api/data</c>).</summary>
public interface IMachineDataStore
{
    Task SetAsync(string machineId, string key, string value, CancellationToken ct);
    Task<string?> GetAsync(string machineId, string key, CancellationToken ct);
    Task<IReadOnlyDictionary<string, string>> ListAsync(string machineId, CancellationToken ct);
}
