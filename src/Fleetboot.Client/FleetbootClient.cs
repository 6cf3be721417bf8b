using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fleetboot.Contracts;

namespace Fleetboot.Client;

/// <summary>
/// Typed client for Fleetboot's admin REST API (<c>/api/v1</c>). Errors the server reports surface as
/// <see cref="FleetbootApiException"/>; an unreachable server as the <see cref="HttpRequestException"/> of the transport.
/// </summary>
public sealed class FleetbootClient
{
    private static readonly FleetbootJsonContext Json = FleetbootJsonContext.Default;
    private readonly HttpClient _http;

    /// <param name="http">A client whose <see cref="HttpClient.BaseAddress"/> is the server's root, such as <c>http://127.0.0.1:8080/</c>.</param>
    /// <param name="token">Admin token sent as a bearer token; needed for writes.</param>
    public FleetbootClient(HttpClient http, string? token = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null) throw new ArgumentException("the HttpClient needs a BaseAddress", nameof(http));
        _http = http;
        if (!string.IsNullOrWhiteSpace(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        }
    }

    // Machines

    public Task<MachineDto> AddMachineAsync(MachineRequest machine, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "api/v1/machines", machine, Json.MachineRequest, Json.MachineDto, ct);

    public Task<MachineDto> GetMachineAsync(string reference, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"api/v1/machines/{Escape(reference)}", Json.MachineDto, ct);

    public Task<MachinePage> ListMachinesAsync(MachineFilter? filter = null, CancellationToken ct = default)
    {
        filter ??= new MachineFilter();
        var query = new List<string>();
        foreach (var (key, value) in filter.Labels) query.Add("label=" + Uri.EscapeDataString($"{key}={value}"));
        if (filter.Role is not null) query.Add("role=" + Uri.EscapeDataString(filter.Role));
        if (filter.Profile is not null) query.Add("profile=" + Uri.EscapeDataString(filter.Profile));
        if (filter.State is { } state) query.Add("state=" + JsonNaming.EnumValue(state));
        if (filter.Offset is { } offset) query.Add("offset=" + offset.ToString(CultureInfo.InvariantCulture));
        if (filter.Limit is { } limit) query.Add("limit=" + limit.ToString(CultureInfo.InvariantCulture));
        var path = query.Count == 0 ? "api/v1/machines" : "api/v1/machines?" + string.Join('&', query);
        return SendAsync(HttpMethod.Get, path, Json.MachinePage, ct);
    }

    public Task<MachineDto> ReplaceMachineAsync(string reference, MachineRequest machine, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"api/v1/machines/{Escape(reference)}", machine, Json.MachineRequest, Json.MachineDto, ct);

    public Task RemoveMachineAsync(string reference, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"api/v1/machines/{Escape(reference)}", ct);

    public async Task<RenderPreviewDto> RenderAsync(string reference, string kind, string? name = null, CancellationToken ct = default)
    {
        var path = $"api/v1/machines/{Escape(reference)}/render/{string.Join('/', kind.Split('/').Select(Escape))}";
        if (name is not null) path += "?name=" + Uri.EscapeDataString(name);
        return await SendAsync(HttpMethod.Get, path, Json.RenderPreviewDto, ct).ConfigureAwait(false);
    }

    // Lifecycle

    /// <summary>Sends <c>provision</c>, <c>reprovision</c>, <c>reset</c> or <c>retire</c>; a command the machine's state refuses is a 409 whose <see cref="Problem.Allowed"/> lists what it accepts.</summary>
    public Task<MachineDto> ApplyLifecycleAsync(string reference, string command, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/machines/{Escape(reference)}/{Escape(command)}", Json.MachineDto, ct);

    public Task<MachineDto> AdoptMachineAsync(string reference, AdoptRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/machines/{Escape(reference)}/adopt", request, Json.AdoptRequest, Json.MachineDto, ct);

    public Task<IReadOnlyDictionary<string, string>> GetMachineDataAsync(string reference, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"api/v1/machines/{Escape(reference)}/data", Json.IReadOnlyDictionaryStringString, ct);

    /// <summary>The latest install log the machine uploaded.</summary>
    public async Task<string> GetMachineLogAsync(string reference, CancellationToken ct = default)
    {
        using var response = await _http.GetAsync($"api/v1/machines/{Escape(reference)}/log", ct).ConfigureAwait(false);
        await ThrowIfErrorAsync(response, ct).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
    }

    // Events

    /// <returns>The machine's newest <paramref name="limit"/> events, oldest first.</returns>
    public Task<IReadOnlyList<BootEventDto>> ListMachineEventsAsync(string reference, int? limit = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"api/v1/machines/{Escape(reference)}/events" + (limit is { } n ? "?limit=" + n.ToString(CultureInfo.InvariantCulture) : ""),
            Json.IReadOnlyListBootEventDto, ct);

    /// <returns>Events after <paramref name="after"/> and at or after <paramref name="since"/>, oldest first; with neither, the newest ones.</returns>
    public Task<IReadOnlyList<BootEventDto>> ListEventsAsync(DateTimeOffset? since = null, long? after = null, int? limit = null, CancellationToken ct = default)
    {
        var query = new List<string>();
        if (since is { } s) query.Add("since=" + Uri.EscapeDataString(s.ToString("O", CultureInfo.InvariantCulture)));
        if (after is { } a) query.Add("after=" + a.ToString(CultureInfo.InvariantCulture));
        if (limit is { } l) query.Add("limit=" + l.ToString(CultureInfo.InvariantCulture));
        return SendAsync(HttpMethod.Get, query.Count == 0 ? "api/v1/events" : "api/v1/events?" + string.Join('&', query), Json.IReadOnlyListBootEventDto, ct);
    }

    /// <summary>
    /// Reads the live event stream (<c>GET /api/v1/events/stream</c>) until <paramref name="ct"/> is cancelled or the server
    /// ends it. With <paramref name="lastEventId"/> the server first replays the events after that id. Give this method an
    /// HttpClient without a timeout (<see cref="Timeout.InfiniteTimeSpan"/>): the stream stays open.
    /// </summary>
    /// <param name="opened">Called once the server has answered, before the first event.</param>
    public async IAsyncEnumerable<BootEventDto> StreamEventsAsync(long? lastEventId = null, string? machine = null, Action? opened = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var path = "api/v1/events/stream" + (machine is null ? "" : "?machine=" + Uri.EscapeDataString(machine));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is { } id) request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        await ThrowIfErrorAsync(response, ct).ConfigureAwait(false);
        opened?.Invoke();
        using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(stream).EnumerateAsync(ct).ConfigureAwait(false))
        {
            if (item.EventType != "boot" || string.IsNullOrEmpty(item.Data)) continue;
            if (JsonSerializer.Deserialize(item.Data, Json.BootEventDto) is { } e) yield return e;
        }
    }

    // Profiles

    public Task<ProfileDto> AddProfileAsync(ProfileRequest profile, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "api/v1/profiles", profile, Json.ProfileRequest, Json.ProfileDto, ct);

    public Task<ProfileDto> GetProfileAsync(string id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"api/v1/profiles/{Escape(id)}", Json.ProfileDto, ct);

    public Task<IReadOnlyList<ProfileDto>> ListProfilesAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "api/v1/profiles", Json.IReadOnlyListProfileDto, ct);

    public Task<ProfileDto> ReplaceProfileAsync(string id, ProfileRequest profile, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"api/v1/profiles/{Escape(id)}", profile, Json.ProfileRequest, Json.ProfileDto, ct);

    public Task RemoveProfileAsync(string id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"api/v1/profiles/{Escape(id)}", ct);

    // Groups

    public Task<GroupDto> AddGroupAsync(GroupRequest group, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "api/v1/groups", group, Json.GroupRequest, Json.GroupDto, ct);

    public Task<GroupDto> GetGroupAsync(string id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"api/v1/groups/{Escape(id)}", Json.GroupDto, ct);

    public Task<IReadOnlyList<GroupDto>> ListGroupsAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "api/v1/groups", Json.IReadOnlyListGroupDto, ct);

    public Task<GroupDto> ReplaceGroupAsync(string id, GroupRequest group, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"api/v1/groups/{Escape(id)}", group, Json.GroupRequest, Json.GroupDto, ct);

    public Task RemoveGroupAsync(string id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"api/v1/groups/{Escape(id)}", ct);

    // Templates

    public Task<IReadOnlyList<TemplateDto>> ListTemplatesAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "api/v1/templates", Json.IReadOnlyListTemplateDto, ct);

    public Task<TemplateDto> GetTemplateAsync(string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"api/v1/templates/{Escape(name)}", Json.TemplateDto, ct);

    public Task<IReadOnlyList<TemplateDto>> GetTemplateHistoryAsync(string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"api/v1/templates/{Escape(name)}/history", Json.IReadOnlyListTemplateDto, ct);

    public Task<TemplateDto> SetTemplateAsync(string name, string content, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"api/v1/templates/{Escape(name)}", new TemplateSetRequest(content), Json.TemplateSetRequest, Json.TemplateDto, ct);

    public Task<TemplateDto> RollbackTemplateAsync(string name, int version, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/templates/{Escape(name)}/rollback", new TemplateRollbackRequest(version), Json.TemplateRollbackRequest, Json.TemplateDto, ct);

    public Task<TemplateDto> ResetTemplateAsync(string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/templates/{Escape(name)}/reset", Json.TemplateDto, ct);

    // MAC addresses

    public Task<IReadOnlyList<MacReservationDto>> AllocateMacsAsync(MacAllocateRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "api/v1/macs/allocate", request, Json.MacAllocateRequest, Json.IReadOnlyListMacReservationDto, ct);

    public Task<MacReservationDto> ReserveMacAsync(MacReserveRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "api/v1/macs/reservations", request, Json.MacReserveRequest, Json.MacReservationDto, ct);

    public Task ReleaseMacAsync(string mac, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"api/v1/macs/reservations/{Escape(mac)}", ct);

    public Task<IReadOnlyList<LeaseDto>> ListLeasesAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "api/v1/leases", Json.IReadOnlyListLeaseDto, ct);

    // DHCP subnets

    public Task<IReadOnlyList<SubnetDto>> ListSubnetsAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "api/v1/subnets", Json.IReadOnlyListSubnetDto, ct);

    public Task<SubnetDto> GetSubnetAsync(string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"api/v1/subnets/{Escape(name)}", Json.SubnetDto, ct);

    public Task<SubnetDto> AddSubnetAsync(SubnetRequest subnet, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "api/v1/subnets", subnet, Json.SubnetRequest, Json.SubnetDto, ct);

    public Task<SubnetDto> ReplaceSubnetAsync(string name, SubnetRequest subnet, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"api/v1/subnets/{Escape(name)}", subnet, Json.SubnetRequest, Json.SubnetDto, ct);

    public Task RemoveSubnetAsync(string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"api/v1/subnets/{Escape(name)}", ct);

    public Task<IReadOnlyList<MacReservationDto>> ListMacReservationsAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "api/v1/macs/reservations", Json.IReadOnlyListMacReservationDto, ct);

    // Transport

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private Task<TResponse> SendAsync<TResponse>(HttpMethod method, string path, JsonTypeInfo<TResponse> responseType, CancellationToken ct) =>
        SendCoreAsync(new HttpRequestMessage(method, path), responseType, ct);

    private Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken ct) =>
        SendCoreAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, requestType) }, responseType, ct);

    private async Task SendAsync(HttpMethod method, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        await ThrowIfErrorAsync(response, ct).ConfigureAwait(false);
    }

    private async Task<TResponse> SendCoreAsync<TResponse>(HttpRequestMessage request, JsonTypeInfo<TResponse> responseType, CancellationToken ct)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            await ThrowIfErrorAsync(response, ct).ConfigureAwait(false);
            var result = await response.Content.ReadFromJsonAsync(responseType, ct).ConfigureAwait(false);
            return result ?? throw new FleetbootApiException(response.StatusCode, new Problem
            {
                Title = "Empty response",
                Status = (int)response.StatusCode,
                Detail = $"the server answered {request.Method} {request.RequestUri} with an empty body",
            });
        }
    }

    private static async Task ThrowIfErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        Problem? problem = null;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is "application/problem+json" or "application/json" && text.Length > 0)
        {
            try
            {
                problem = JsonSerializer.Deserialize(text, Json.Problem);
            }
            catch (JsonException)
            {
                problem = null;
            }
        }
        problem ??= new Problem
        {
            Title = response.ReasonPhrase ?? response.StatusCode.ToString(),
            Status = (int)response.StatusCode,
            Detail = text.Length > 0 ? Truncate(text, 300) : null,
        };
        throw new FleetbootApiException(response.StatusCode, problem);
    }

    private static string Truncate(string text, int length) =>
        text.Length <= length ? text : new StringBuilder(text, 0, length, length + 1).Append('…').ToString();
}
