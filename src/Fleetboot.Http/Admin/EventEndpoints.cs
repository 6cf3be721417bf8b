using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Fleetboot.Contracts;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Events;
using Fleetboot.Core.Machines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Fleetboot.Http.Admin;

/// <summary>
/// The boot timeline: a machine's newest events, every event since a time or after an id, and a live
/// Server-Sent Events stream that replays from <c>Last-Event-ID</c> before it goes live.
/// </summary>
internal static class EventEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>How often an idle stream sends a comment, so that proxies and clients see it alive.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>Events a slow stream client may fall behind by before its stream ends (it reconnects with Last-Event-ID).</summary>
    private const int StreamBacklog = 4096;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/machines/{reference}/events", MachineEventsAsync)
            .WithTags("Events")
            .WithName("ListMachineEvents")
            .WithSummary("The machine's newest events (limit, default 100), oldest first.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var events = api.MapGroup("/events").WithTags("Events");
        events.MapGet("/", ListAsync)
            .WithName("ListEvents")
            .WithSummary("Events with id after `after` and time at or after `since` (ISO 8601), oldest first, at most `limit`; with neither, the newest `limit` events.")
            .ProducesValidationProblem();

        events.MapGet("/stream", StreamAsync)
            .WithName("StreamEvents")
            .WithSummary("Server-Sent Events: every stored event as `id`, `event: boot`, `data: BootEventDto`. Send Last-Event-ID (or ?after=ID) to replay what came after it first; ?machine=REF keeps one machine's events. A comment every 15 s keeps it alive.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<IReadOnlyList<BootEventDto>>, ProblemHttpResult, ValidationProblem>> MachineEventsAsync(
        string reference, string? limit, MachineRegistry registry, IBootEventStore store, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var count = ParseLimit(limit, errors);
        if (errors.Count > 0) return AdminProblems.Invalid(errors);
        if (await registry.FindAsync(reference, ct) is not { } machine) return AdminProblems.NotFound("machine", reference);
        return TypedResults.Ok((IReadOnlyList<BootEventDto>)Dtos(await store.ListForMachineAsync(machine.Id, count, ct)));
    }

    private static async Task<Results<Ok<IReadOnlyList<BootEventDto>>, ValidationProblem>> ListAsync(
        string? since, string? after, string? limit, IBootEventStore store, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var count = ParseLimit(limit, errors);
        var sinceTime = ParseSince(since, errors);
        var afterId = ParseAfter(after, "after", errors);
        if (errors.Count > 0) return AdminProblems.Invalid(errors);
        var events = sinceTime is null && afterId is null
            ? await store.ListLatestAsync(count, ct)
            : await store.ListAsync(afterId ?? 0, sinceTime, count, ct);
        return TypedResults.Ok((IReadOnlyList<BootEventDto>)Dtos(events));
    }

    private static async Task<IResult> StreamAsync(
        HttpContext http, string? after, string? machine, MachineRegistry registry, IBootEventStore store, BootEventRecorder recorder,
        TimeProvider time, IHostApplicationLifetime lifetime)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var lastEventId = ParseAfter(http.Request.Headers["Last-Event-ID"].ToString(), "Last-Event-ID", errors) ?? ParseAfter(after, "after", errors);
        if (errors.Count > 0) return AdminProblems.Invalid(errors);
        string? machineId = null;
        if (!string.IsNullOrWhiteSpace(machine))
        {
            if (await registry.FindAsync(machine, http.RequestAborted) is not { } found) return AdminProblems.NotFound("machine", machine);
            machineId = found.Id;
        }

        // Subscribe before anything is read or sent: whatever is stored from now on reaches this client,
        // and the replay below covers what came before; ids seen in both are sent once.
        var live = Channel.CreateBounded<BootEvent>(new BoundedChannelOptions(StreamBacklog) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        void OnStored(IReadOnlyList<BootEvent> batch)
        {
            foreach (var e in batch)
            {
                if (machineId is not null && e.MachineId != machineId) continue;
                if (!live.Writer.TryWrite(e))
                {
                    live.Writer.TryComplete(); // too far behind: end the stream; the client resumes with Last-Event-ID
                    return;
                }
            }
        }
        recorder.Stored += OnStored;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var ct = stop.Token;
        try
        {
            var response = http.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            var body = response.Body;
            await WriteAsync(body, ": fleetboot boot events\nretry: 2000\n\n", ct);

            var sent = lastEventId ?? 0;
            if (lastEventId is { } from)
            {
                while (true)
                {
                    var page = await store.ListAsync(sent, null, 500, ct);
                    foreach (var e in page.Where(e => machineId is null || e.MachineId == machineId)) await WriteEventAsync(body, e, ct);
                    if (page.Count > 0) sent = page[^1].Id;
                    if (page.Count < 500) break;
                }
                await body.FlushAsync(ct);
            }

            var wait = live.Reader.WaitToReadAsync(ct).AsTask();
            while (true)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var tick = Task.Delay(KeepAlive, time, idle.Token);
                if (await Task.WhenAny(wait, tick) == tick)
                {
                    await WriteAsync(body, ": keepalive\n\n", ct);
                    continue;
                }
                await idle.CancelAsync();
                if (!await wait) break;
                while (live.Reader.TryRead(out var e))
                {
                    if (e.Id <= sent) continue;
                    await WriteEventAsync(body, e, ct);
                    sent = e.Id;
                }
                await body.FlushAsync(ct);
                wait = live.Reader.WaitToReadAsync(ct).AsTask();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away or the server is stopping: the stream just ends.
        }
        catch (IOException)
        {
            // The connection broke while writing.
        }
        finally
        {
            recorder.Stored -= OnStored;
            live.Writer.TryComplete();
        }
        return TypedResults.Empty;
    }

    private static async Task WriteEventAsync(Stream body, BootEvent e, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(e.ToDto(), FleetbootJsonContext.Default.BootEventDto);
        await WriteAsync(body, $"id: {e.Id.ToString(CultureInfo.InvariantCulture)}\nevent: boot\ndata: {json}\n\n", ct);
    }

    private static async Task WriteAsync(Stream body, string text, CancellationToken ct)
    {
        await body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await body.FlushAsync(ct);
    }

    private static List<BootEventDto> Dtos(IReadOnlyList<BootEvent> events) => events.Select(e => e.ToDto()).ToList();

    private static int ParseLimit(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text)) return DefaultLimit;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= MaxLimit) return value;
        errors["limit"] = [$"must be a whole number from 1 to {MaxLimit}"];
        return DefaultLimit;
    }

    private static long? ParseAfter(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
        errors[field] = ["must be an event id (a whole number)"];
        return null;
    }

    private static DateTimeOffset? ParseSince(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)) return value;
        errors["since"] = [$"'{text}' is not an ISO 8601 time such as 2025-01-31T08:00:00Z"];
        return null;
    }
}
