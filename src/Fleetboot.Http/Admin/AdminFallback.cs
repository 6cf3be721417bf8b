using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Fleetboot.Http.Admin;

/// <summary>
/// Answers what no admin route took, as problem details: 405 (with <c>Allow</c>) when the path exists for other
/// methods, 400 when the route exists but no body came, 415 when the body is not JSON, else 404.
/// </summary>
internal static class AdminFallback
{
    public static IResult Answer(HttpContext http, EndpointDataSource endpoints)
    {
        var path = http.Request.Path.Value ?? "/";
        var methods = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var template = endpoint.RoutePattern.RawText;
            if (template is null || !template.StartsWith("/api/v1/", StringComparison.Ordinal) || template.Contains("{*", StringComparison.Ordinal) && template.EndsWith(":nonfile}", StringComparison.Ordinal))
                continue;
            var matcher = new TemplateMatcher(TemplateParser.Parse(template), new RouteValueDictionary());
            if (!matcher.TryMatch(path, new RouteValueDictionary())) continue;
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []) methods.Add(method);
        }
        if (methods.Contains(http.Request.Method) && string.IsNullOrEmpty(http.Request.ContentType) && http.Request.ContentLength is null or 0)
            return AdminProblems.Invalid("body", "a JSON body is needed (Content-Type: application/json)");
        if (methods.Contains(http.Request.Method))
        {
            return AdminProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"the body of {http.Request.Method} {path} must be JSON (Content-Type: application/json), not '{http.Request.ContentType}'");
        }
        if (methods.Count > 0)
        {
            http.Response.Headers.Allow = string.Join(", ", methods.Order(StringComparer.Ordinal));
            return AdminProblems.Problem(StatusCodes.Status405MethodNotAllowed, "Method not allowed",
                $"{path} answers {string.Join(", ", methods.Order(StringComparer.Ordinal))}, not {http.Request.Method}");
        }
        return AdminProblems.Problem(StatusCodes.Status404NotFound, "Not found", $"no API route {http.Request.Method} {path} (see /openapi/v1.json)");
    }
}
