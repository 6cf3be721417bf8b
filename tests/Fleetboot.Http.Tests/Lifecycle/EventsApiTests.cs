using System.Net;
using System.Net.ServerSentEvents;
using Fleetboot.Contracts;

namespace Fleetboot.Http.Tests.Lifecycle;

public sealed class EventsApiTests : LifecycleTestBase
{
    private const string Mac = "52:54:00:00:04:01";

    [Fact]
    public async Task MachineEvents_NewestNOldestFirst_AndGlobalListAfterAndSince()
    {
        await AddProfileAsync("debian");
        await AddMachineAsync(Mac, "e1", profile: "debian");
        var token = await TokenOfAsync("e1");
        for (var i = 1; i <= 5; i++)
        {
            using var r = await MachineSendAsync(HttpMethod.Post, $"api/v1/boot/{Mac}/progress", token, $$"""{"phase":"step{{i}}"}""");
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        var all = await EventuallyAsync(() => Api.ListMachineEventsAsync("e1", 100, Ct), l => l.Count(e => e.Kind == "callback.progress") == 5, "five progress events");

        var newest = await Api.ListMachineEventsAsync("e1", 3, Ct);
        newest.Select(e => e.Id).ShouldBe(all.TakeLast(3).Select(e => e.Id));
        newest.Select(e => e.Id).ShouldBeInOrder(SortDirection.Ascending);

        var after = await Api.ListEventsAsync(after: all[1].Id, limit: 2, ct: Ct);
        after.Select(e => e.Id).ShouldBe([all[2].Id, all[3].Id]);
        var lastId = all[^1].Id;
        (await Api.ListEventsAsync(since: all[^1].Time, ct: Ct)).ShouldContain(e => e.Id == lastId);
        (await Api.ListEventsAsync(limit: 2, ct: Ct)).Select(e => e.Id).ShouldBe(all.TakeLast(2).Select(e => e.Id));

        using var bad = await SendAsync(HttpMethod.Get, "api/v1/events?since=yesterday&limit=0", withToken: false);
        var problem = await ProblemAsync(bad, 400);
        ErrorsFor(problem, "since").ShouldNotBeEmpty();
        ErrorsFor(problem, "limit").ShouldNotBeEmpty();
        using var unknown = await SendAsync(HttpMethod.Get, "api/v1/machines/nobody/events", withToken: false);
        await ProblemAsync(unknown, 404);
    }

    [Fact]
    public async Task MachineEvents_ScriptFetchedFourTimesInARow_IsOneEventCountingFour()
    {
        await AddProfileAsync("debian");
        await AddMachineAsync(Mac, "e1", profile: "debian");
        for (var i = 0; i < 4; i++)
        {
            using var r = await SendAsync(HttpMethod.Get, $"ipxe?mac={Mac}", withToken: false);
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // The count is written within RepeatFolding.WriteEvery (5 s).
        var events = await EventuallyAsync(() => Api.ListMachineEventsAsync("e1", 100, Ct),
            l => l.Any(e => e.Kind == "http.ipxe" && e.Count == 4), "one http.ipxe event counting 4");

        var fetch = events.Single(e => e.Kind == "http.ipxe");
        fetch.LastTime.ShouldNotBeNull();
        fetch.LastTime!.Value.ShouldBeGreaterThanOrEqualTo(fetch.Time);
    }

    [Fact]
    public async Task Stream_EventTriggeredAfterConnecting_ArrivesWithIdAndBootType()
    {
        await AddProfileAsync("debian");
        await AddMachineAsync(Mac, "e1", profile: "debian");
        var token = await TokenOfAsync("e1");
        using var http = new HttpClient { BaseAddress = Server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        using var response = await http.GetAsync("api/v1/events/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");

        using (var progress = await MachineSendAsync(HttpMethod.Post, $"api/v1/boot/{Mac}/progress", token, """{"phase":"streamed"}""")) { }

        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var parser = SseParser.Create(stream);
        await foreach (var item in parser.EnumerateAsync(timeout.Token))
        {
            item.EventType.ShouldBe("boot");
            var e = System.Text.Json.JsonSerializer.Deserialize(item.Data, FleetbootJsonContext.Default.BootEventDto)!;
            parser.LastEventId.ShouldBe(e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (e.Kind != "callback.progress") continue;
            e.Data!["phase"].ShouldBe("streamed");
            e.Mac.ShouldBe(Mac);
            return;
        }
        throw new ShouldAssertException("the stream ended without the progress event");
    }

    [Fact]
    public async Task Stream_LastEventId_ReplaysWhatCameAfterThenGoesLive()
    {
        await AddProfileAsync("debian");
        await AddMachineAsync(Mac, "e1", profile: "debian");
        var token = await TokenOfAsync("e1");
        foreach (var phase in new[] { "one", "two", "three" })
        {
            using var r = await MachineSendAsync(HttpMethod.Post, $"api/v1/boot/{Mac}/progress", token, $$"""{"phase":"{{phase}}"}""");
        }
        var stored = await EventuallyAsync(() => Api.ListMachineEventsAsync("e1", 100, Ct), l => l.Count(e => e.Kind == "callback.progress") == 3, "three progress events");
        var first = stored.First(e => e.Kind == "callback.progress");

        using var http = new HttpClient { BaseAddress = Server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/events/stream?machine=e1");
        request.Headers.Add("Last-Event-ID", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);

        var phases = new List<string>();
        var ids = new List<long>();
        var live = false;
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(timeout.Token))
        {
            var e = System.Text.Json.JsonSerializer.Deserialize(item.Data, FleetbootJsonContext.Default.BootEventDto)!;
            e.MachineId.ShouldBe(stored[0].MachineId);
            ids.Add(e.Id);
            if (e.Kind == "callback.progress") phases.Add(e.Data!["phase"]);
            if (phases.Count == 2 && !live)
            {
                live = true;
                using var r = await MachineSendAsync(HttpMethod.Post, $"api/v1/boot/{Mac}/progress", token, """{"phase":"four"}""");
            }
            if (phases.Count == 3) break;
        }
        phases.ShouldBe(["two", "three", "four"]);
        ids.ShouldAllBe(id => id > first.Id);
        ids.ShouldBeUnique();
        ids.ShouldBeInOrder(SortDirection.Ascending);
    }
}
