using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fleetboot.Http.Admin;

/// <summary>
/// A JSON request body read by the admin API itself, so that malformed JSON becomes a 400 problem naming the
/// field (by <see cref="AdminRequestFilter"/>) instead of the framework's empty 400. Advertised as a JSON body of
/// <typeparamref name="T"/> in the OpenAPI document.
/// </summary>
internal sealed class JsonBody<T> : IBindableFromHttpContext<JsonBody<T>>, IEndpointParameterMetadataProvider, IJsonBody
    where T : class
{
    private JsonBody(T? value, string? errorField, string? error)
    {
        Value = value!;
        ErrorField = errorField;
        Error = error;
    }

    /// <summary>The body; never null once the handler runs.</summary>
    public T Value { get; }
    public string? ErrorField { get; }
    public string? Error { get; }

    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var request = context.Request;
        if (request.ContentLength == 0) return new JsonBody<T>(null, "body", "a JSON body is needed");
        if (!request.HasJsonContentType()) return new JsonBody<T>(null, "body", "the body must be JSON (Content-Type: application/json)");
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = (T?)await JsonSerializer.DeserializeAsync(request.Body, options.GetTypeInfo(typeof(T)), context.RequestAborted);
            return value is null
                ? new JsonBody<T>(null, "body", "a JSON object is needed")
                : new JsonBody<T>(value, null, null);
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            var message = e.Message.Contains("could not be converted", StringComparison.Ordinal)
                ? $"has the wrong JSON type{where}"
                : $"malformed JSON{where}";
            return new JsonBody<T>(null, field, message);
        }
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(T), isOptional: true));

    /// <summary><c>$.labels.rack</c> → <c>labels.rack</c>; <c>$.macs[1]</c> → <c>macs[1]</c>; the root → <c>body</c>.</summary>
    internal static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        field = field.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).TrimStart('.');
        return field.Length == 0 ? "body" : field;
    }
}
