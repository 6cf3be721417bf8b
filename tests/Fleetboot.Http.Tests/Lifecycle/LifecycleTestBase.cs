using System.Net.Http.Headers;
using System.Text;
using Fleetboot.Contracts;
using Fleetboot.Core.Machines;
using Fleetboot.Http.Tests.Admin;

namespace Fleetboot.Http.Tests.Lifecycle;

/// <summary>Lifecycle tests: the admin API plus what a machine's installer sends with its own token.</summary>
public abstract class LifecycleTestBase : AdminApiTestBase
{
    /// <summary>Registers a machine with the "debian" profile (so it is provisioning) and returns its callback token.</summary>
    protected async Task<string> ProvisioningMachineAsync(string mac, string hostname)
    {
        await AddProfileAsync("debian");
        await AddMachineAsync(mac, hostname, profile: "debian");
        return await TokenOfAsync(hostname);
    }

    /// <summary>The machine's callback token, which only the rendered boot script (and the store) carries.</summary>
    protected async Task<string> TokenOfAsync(string reference) =>
        (await Server.Get<MachineRegistry>().FindAsync(reference, Ct))!.Token;

    /// <summary>Sends a machine-facing request with no admin token: the machine token as a bearer header, or none.</summary>
    protected async Task<HttpResponseMessage> MachineSendAsync(HttpMethod method, string path, string? token, string? body = null, string contentType = "application/json")
    {
        using var http = Server.CreateClient();
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        return await http.SendAsync(request, Ct);
    }

    protected async Task<MachineDto> MachineAsync(string reference) => await Api.GetMachineAsync(reference, Ct);

    /// <summary>Polls until <paramref name="condition"/> holds (events are stored and observed asynchronously).</summary>
    protected static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, int timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        T value;
        while (!condition(value = await read()))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what} did not happen within {timeoutSeconds} s; last: {value}");
            await Task.Delay(50, Ct);
        }
        return value;
    }

    protected static string[] Allowed(System.Text.Json.Nodes.JsonObject problem) =>
        problem["allowed"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();
}
