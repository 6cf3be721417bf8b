namespace Fleetboot.Core.Abstractions;

public interface IStorageHealth
{
    /// <summary>Round-trips a trivial query; throws with the reason when storage is unreachable.</summary>
    Task CheckAsync(CancellationToken ct);
}
