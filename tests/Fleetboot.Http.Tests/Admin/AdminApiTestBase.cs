using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleetboot.Client;
using Fleetboot.Contracts;

namespace Fleetboot.Http.Tests.Admin;

/// <summary>One fresh server, composed as <c>fleetboot serve</c> composes it (own SQLite database and token), per test.</summary>
public abstract class AdminApiTestBase : IAsyncLifetime
{
    private FleetbootTestServer? _server;

    protected FleetbootTestServer Server => _server ?? throw new InvalidOperationException("not started");
    protected FleetbootClient Api { get; private set; } = null!;
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await FleetbootTestServer.StartAsync();
        Api = new FleetbootClient(_server.CreateClient(), _server.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Sends raw JSON text (or nothing), with the admin token unless told otherwise.</summary>
    protected async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, bool withToken = true, string? token = null)
    {
        using var http = Server.CreateClient();
        if (withToken) http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token ?? Server.Token);
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return await http.SendAsync(request, Ct);
    }

    /// <summary>Reads a problem response, checking that it is RFC 9457 problem JSON with the expected status.</summary>
    protected static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, int status)
    {
        ((int)response.StatusCode).ShouldBe(status, await response.Content.ReadAsStringAsync(Ct));
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        problem["status"]!.GetValue<int>().ShouldBe(status);
        problem["title"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        problem["type"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        return problem;
    }

    protected static string[] ErrorsFor(JsonObject problem, string field)
    {
        var errors = problem["errors"]?.AsObject() ?? throw new ShouldAssertException($"no errors map in {problem.ToJsonString()}");
        var messages = errors[field]?.AsArray() ?? throw new ShouldAssertException($"no error for '{field}' in {problem.ToJsonString()}");
        return messages.Select(m => m!.GetValue<string>()).ToArray();
    }

    protected Task<MachineDto> AddMachineAsync(string mac, string? hostname = null, string? role = null, string? profile = null,
        IReadOnlyDictionary<string, string>? labels = null) =>
        Api.AddMachineAsync(new MachineRequest
        {
            Macs = [mac],
            Hostname = hostname,
            Role = role,
            Profile = profile,
            Labels = labels ?? new Dictionary<string, string>(),
        }, Ct);

    protected Task<ProfileDto> AddProfileAsync(string id, string kernel = "http://mirror.example/linux", string? args = "console=ttyS0") =>
        Api.AddProfileAsync(new ProfileRequest { Id = id, Kernel = kernel, Initrds = ["http://mirror.example/initrd.gz"], Args = args }, Ct);

    protected static async Task<T> ReadAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        (await response.Content.ReadFromJsonAsync(type, Ct))!;

    protected static JsonSerializerOptions JsonOptions => FleetbootJsonContext.Default.Options;
}
