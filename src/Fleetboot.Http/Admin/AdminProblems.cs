using Fleetboot.Core.Lifecycle;
using Fleetboot.Core.Machines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fleetboot.Http.Admin;

/// <summary>RFC 9457 problem details for every error the admin API answers.</summary>
internal static class AdminProblems
{
    private const string TypeBase = "https://fleetboot.dev/problems/";

    public static ProblemHttpResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + Slug(title), extensions: extensions);

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")),
            title: "Invalid request",
            type: TypeBase + "invalid-request");

    public static ValidationProblem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult NotFound(string resource, string reference) =>
        Problem(StatusCodes.Status404NotFound, "Not found", $"no {resource} '{reference}'",
            new Dictionary<string, object?> { ["resource"] = resource, ["reference"] = reference });

    /// <param name="holderKind">"machine" when the holder is a machine id; it is then named by host name too.</param>
    public static ProblemHttpResult Conflict(string field, string value, string holder, string? holderName = null, string? holderKind = null)
    {
        var who = holderKind is null ? holder : holderName is null ? $"{holderKind} {holder}" : $"{holderKind} {holderName} ({holder})";
        var extensions = new Dictionary<string, object?> { ["field"] = field, ["value"] = value, ["holder"] = holder };
        if (holderName is not null) extensions["holderName"] = holderName;
        return Problem(StatusCodes.Status409Conflict, "Conflict", $"{field} {value} is already held by {who}", extensions);
    }

    public static ProblemHttpResult RenderFailed(string template, string message, int? line, int? column)
    {
        var extensions = new Dictionary<string, object?> { ["template"] = template };
        if (line is not null) extensions["line"] = line;
        if (column is not null) extensions["column"] = column;
        var where = line is null ? "" : $" at line {line}, column {column}";
        return Problem(StatusCodes.Status422UnprocessableEntity, "Render failed", $"{template}{where}: {message}", extensions);
    }

    public static ProblemHttpResult InUse(string resource, string usedBy) =>
        Problem(StatusCodes.Status409Conflict, "Conflict", $"{resource} is still used by {usedBy}",
            new Dictionary<string, object?> { ["field"] = "id", ["value"] = resource, ["holder"] = usedBy });

    /// <summary>409 for a lifecycle command or callback the machine's state does not accept; <c>allowed</c> lists what it accepts.</summary>
    public static ProblemHttpResult InvalidTransition(InvalidTransitionException e) =>
        Problem(StatusCodes.Status409Conflict, "Invalid transition", e.Message, new Dictionary<string, object?>
        {
            ["state"] = MachineNames.Of(e.State),
            ["allowed"] = e.Allowed.Select(a => a.ToString().ToLowerInvariant()).ToArray(),
        });

    public static ProblemHttpResult Unauthorized(string detail) =>
        Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail);

    private static string Slug(string title) => title.ToLowerInvariant().Replace(' ', '-');
}
