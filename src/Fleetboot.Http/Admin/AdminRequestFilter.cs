using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Lifecycle;
using Fleetboot.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Fleetboot.Http.Admin;

/// <summary>
/// Turns what goes wrong in an admin request into problem details: an unreadable body (400 naming the field),
/// Core's validation errors (400 with the <c>errors</c> map), unique-value conflicts and removals of resources
/// still in use (409 naming the holder), lifecycle commands the machine's state does not accept (409 listing the allowed ones).
/// </summary>
internal sealed class AdminRequestFilter : IEndpointFilter
{
    private static readonly HashSet<string> MachineFields = new(StringComparer.Ordinal) { "macs", "mac", "hostname", "uuid", "staticIp" };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is IJsonBody { Error: { } error } body) return AdminProblems.Invalid(body.ErrorField ?? "body", error);
        }
        try
        {
            return await next(context);
        }
        catch (ValidationException e)
        {
            return AdminProblems.Invalid(e.Errors
                .GroupBy(f => f.Field, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray(), StringComparer.Ordinal));
        }
        catch (UniqueConflictException e)
        {
            if (MachineFields.Contains(e.Field))
            {
                // Storage names the holder by id, the MAC allocator by host name: name it both ways when it is a machine.
                var machines = context.HttpContext.RequestServices.GetRequiredService<IMachineStore>();
                var ct = context.HttpContext.RequestAborted;
                var holder = await machines.GetAsync(e.HolderId, ct) ?? await machines.FindByHostnameAsync(e.HolderId, ct);
                if (holder is not null) return AdminProblems.Conflict(e.Field, e.Value, holder.Id, holder.Hostname, "machine");
            }
            return AdminProblems.Conflict(e.Field, e.Value, e.HolderId);
        }
        catch (ResourceInUseException e)
        {
            return AdminProblems.InUse(e.Resource, e.UsedBy);
        }
        catch (InvalidTransitionException e)
        {
            return AdminProblems.InvalidTransition(e);
        }
        catch (Core.Dhcp.DhcpSubnetConflictException e)
        {
            return SubnetEndpoints.Conflict(e);
        }
    }
}
