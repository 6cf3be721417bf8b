using Fleetboot.Core.Lifecycle;
using Fleetboot.Core.Validation;
using Fleetboot.Http.Admin;
using Microsoft.AspNetCore.Http;

namespace Fleetboot.Http.Boot;

/// <summary>
/// Problem details for the machine-facing callbacks: a missing or wrong machine token (403, nothing changed), a
/// callback the machine's state does not accept (409 with <c>allowed</c>), input Core refused (400 naming the field).
/// </summary>
internal sealed class CallbackFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (CallbackDeniedException e)
        {
            return AdminProblems.Problem(StatusCodes.Status403Forbidden, "Forbidden",
                $"{e.Message}: present the machine's token (fleetboot.token= on its kernel command line) as Authorization: Bearer TOKEN or ?token=TOKEN");
        }
        catch (InvalidTransitionException e)
        {
            return AdminProblems.InvalidTransition(e);
        }
        catch (ValidationException e)
        {
            return AdminProblems.Invalid(e.Errors
                .GroupBy(f => f.Field, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray(), StringComparer.Ordinal));
        }
    }
}
