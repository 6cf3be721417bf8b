using System.Net;
using Fleetboot.Contracts;

namespace Fleetboot.Client;

/// <summary>The server answered with an error; <see cref="Problem"/> carries its RFC 9457 problem details.</summary>
public sealed class FleetbootApiException : Exception
{
    public FleetbootApiException(HttpStatusCode status, Problem problem)
        : base(Describe(status, problem))
    {
        Status = status;
        Problem = problem;
    }

    public HttpStatusCode Status { get; }
    public Problem Problem { get; }

    private static string Describe(HttpStatusCode status, Problem problem)
    {
        var text = problem.Detail ?? problem.Title ?? status.ToString();
        if (problem.Errors is { Count: > 0 } errors)
        {
            text = string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
        }
        return $"{(int)status} {text}";
    }
}
