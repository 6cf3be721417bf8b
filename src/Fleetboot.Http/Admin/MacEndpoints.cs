using Fleetboot.Contracts;
using Fleetboot.Core.Machines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using static Fleetboot.Http.RequestText;

namespace Fleetboot.Http.Admin;

/// <summary><c>/api/v1/macs</c>: MAC addresses for machines that do not exist yet.</summary>
internal static class MacEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var macs = api.MapGroup("/macs").WithTags("MAC addresses");

        macs.MapPost("/allocate", async (JsonBody<MacAllocateRequest> body, MacAllocator allocator, CancellationToken ct) =>
                TypedResults.Ok((IReadOnlyList<MacReservationDto>)(await allocator.AllocateAsync(body.Value.Count, Blank(body.Value.Prefix), body.Value.Note, ct))
                    .Select(r => r.ToDto()).ToList()))
            .WithName("AllocateMacs")
            .WithSummary("Reserve COUNT new addresses under a prefix (the server's default prefix when empty) that no machine or reservation holds.")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        macs.MapGet("/reservations", async (MacAllocator allocator, CancellationToken ct) =>
                TypedResults.Ok((IReadOnlyList<MacReservationDto>)(await allocator.ListAsync(ct)).OrderBy(r => r.Mac.Value).Select(r => r.ToDto()).ToList()))
            .WithName("ListMacReservations");

        macs.MapPost("/reservations", async (JsonBody<MacReserveRequest> body, MacAllocator allocator, CancellationToken ct) =>
            {
                var reservation = await allocator.ReserveAsync(body.Value.Mac ?? "", body.Value.Note, ct);
                return TypedResults.Created($"/api/v1/macs/reservations/{reservation.Mac}", reservation.ToDto());
            })
            .WithName("ReserveMac")
            .WithSummary("Set one address aside; 409 when a machine or another reservation holds it.")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);

        macs.MapDelete("/reservations/{mac}", async Task<Results<NoContent, ProblemHttpResult>> (string mac, MacAllocator allocator, CancellationToken ct) =>
                await allocator.ReleaseAsync(mac, ct) ? TypedResults.NoContent() : AdminProblems.NotFound("MAC reservation", mac))
            .WithName("ReleaseMac")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
