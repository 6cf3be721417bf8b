using Fleetboot.Contracts;
using Fleetboot.Core.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fleetboot.Http.Admin;

/// <summary><c>/api/v1/leases</c>: the DHCP leases as stored (none while DHCP is off).</summary>
internal static class LeaseEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/leases", async (IServiceProvider services, CancellationToken ct) =>
            {
                var store = services.GetService<ILeaseStore>();
                var leases = store is null ? [] : await store.LoadAsync(ct);
                return TypedResults.Ok((IReadOnlyList<LeaseDto>)leases.OrderBy(l => l.Address.GetAddressBytes(), ByteOrder.Instance)
                    .Select(l => new LeaseDto(l.Address.ToString(), l.Mac.ToString(), l.ClientId, l.Subnet, l.State.ToString().ToLowerInvariant(), l.Start, l.Expires, l.HostName))
                    .ToList());
            })
            .WithTags("DHCP")
            .WithName("ListLeases")
            .WithSummary("Every stored DHCP lease, by address.");
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
