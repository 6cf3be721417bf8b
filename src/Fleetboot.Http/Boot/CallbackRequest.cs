using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fleetboot.Http.Admin;
using Microsoft.AspNetCore.Http;

namespace Fleetboot.Http.Boot;

/// <summary>What machine-facing callbacks read from a request: the presented token and a size-capped body.</summary>
internal static class CallbackRequest
{
    /// <summary>Largest body of a callback other than a log upload.</summary>
    public const int SmallBody = 64 * 1024;

    /// <summary>The token as <c>Authorization: Bearer TOKEN</c>, else <c>?token=TOKEN</c>.</summary>
    public static string? Token(HttpContext http)
    {
        string? header = http.Request.Headers.Authorization;
        if (!string.IsNullOrWhiteSpace(header) && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return header["Bearer ".Length..].Trim();
        var query = http.Request.Query["token"].ToString();
        return RequestText.Blank(query);
    }

    public static bool SameSecret(string presented, string expected) =>
        expected.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    /// <summary>Reads the whole body, refusing more than <paramref name="maxBytes"/>.</summary>
    /// <returns>The bytes (empty for no body), or null when the body is too large.</returns>
    public static async Task<byte[]?> ReadBytesAsync(HttpContext http, int maxBytes, CancellationToken ct)
    {
        if (http.Request.ContentLength > maxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Reads an optional JSON body: an empty body gives <paramref name="empty"/>.</summary>
    /// <returns>The value, or a problem answer (400, 413, 415).</returns>
    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpContext http, JsonTypeInfo<T> type, T empty, int maxBytes, CancellationToken ct)
        where T : class
    {
        var bytes = await ReadBytesAsync(http, maxBytes, ct);
        if (bytes is null) return (null, TooLarge(maxBytes));
        if (bytes.Length == 0) return (empty, null);
        if (!http.Request.HasJsonContentType())
        {
            return (null, AdminProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"the body must be JSON (Content-Type: application/json), not '{http.Request.ContentType}'"));
        }
        return Parse(bytes, type);
    }

    public static (T? Value, IResult? Problem) Parse<T>(byte[] bytes, JsonTypeInfo<T> type) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, type) is { } value
                ? (value, null)
                : (null, AdminProblems.Invalid("body", "a JSON object is needed"));
        }
        catch (JsonException e)
        {
            return (null, AdminProblems.Invalid(JsonBody<object>.FieldOf(e.Path), "malformed JSON or a value of the wrong type"));
        }
    }

    public static IResult TooLarge(int maxBytes) =>
        AdminProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large",
            $"the body is larger than {maxBytes / 1024} KiB");
}
