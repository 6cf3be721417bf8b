using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Fleetboot.Contracts;
using MachineRegistry = Fleetboot.Core.Machines.MachineRegistry;
using Microsoft.Extensions.DependencyInjection;

namespace Fleetboot.Cli.Tests;

public sealed class CliLifecycleTests(CliServer server) : CliTestBase(server)
{
    private async Task ProfileAsync()
    {
        var result = await RunAsync("profiles", "add", "lc", "--kernel", "http://mirror.example/linux", "--local-boot", "disk", "--install-timeout", "45");
        if (result.ExitCode != 0) result.Stderr.ShouldContain("already held"); // another test of the class made it
    }

    private async Task<(HttpStatusCode, string)> CallbackAsync(string mac, string hostname, string callback, string body)
    {
        var token = (await Server.Services.GetRequiredService<MachineRegistry>().FindAsync(hostname, CancellationToken.None))!.Token;
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.PostAsync($"api/v1/boot/{mac}/{callback}", new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MachinesProvision_TableThenJson_AndRefusedCommandIsOneLineListingAllowed()
    {
        await ProfileAsync();
        await OkAsync("machines", "add", "52:54:00:10:00:01", "lc-prov", "--netboot", "once", "--local-boot", "exit");
        var table = await OkAsync("machines", "set", "lc-prov", "--profile", "lc");
        table.Stdout.ShouldContain("registered");

        var provisioned = await OkAsync("machines", "provision", "lc-prov");
        provisioned.Stdout.ShouldContain("provisioning");
        provisioned.Stdout.ShouldContain("provision by operator");

        var refused = await FailsAsync(5, "machines", "provision", "lc-prov");
        refused.ShouldContain("lc-prov is provisioning");
        refused.ShouldContain("allowed: reprovision, reset, retire");

        var reset = Json(await OkAsync("machines", "reset", "lc-prov", "-o", "json"), FleetbootJsonContext.Default.MachineDto);
        reset.State.ShouldBe(MachineState.Registered);
        reset.Netboot.ShouldBe("once");
        reset.LocalBoot.ShouldBe("exit");
        Json(await OkAsync("machines", "retire", "lc-prov", "-o", "json"), FleetbootJsonContext.Default.MachineDto).State.ShouldBe(MachineState.Retired);
        (await FailsAsync(4, "machines", "reprovision", "nobody-here")).ShouldContain("not found");
    }

    [Fact]
    public async Task MachinesShow_ShowsLifecycleFields_AndProfileShowsLocalBootAndTimeout()
    {
        await ProfileAsync();
        await OkAsync("machines", "add", "52:54:00:10:00:02", "lc-show", "--profile", "lc", "--netboot", "always");
        (await CallbackAsync("52:54:00:10:00:02", "lc-show", "progress", """{"phase":"packages","percent":40,"message":"installing packages"}""")).Item1.ShouldBe(HttpStatusCode.OK);
        var show = await OkAsync("machines", "show", "lc-show");
        show.Stdout.ShouldContain("installing");
        show.Stdout.ShouldContain("packages 40%");
        show.Stdout.ShouldContain("installing packages");
        show.Stdout.ShouldContain("always");

        var profile = await OkAsync("profiles", "show", "lc");
        profile.Stdout.ShouldContain("disk");
        profile.Stdout.ShouldContain("45 min");
    }

    [Fact]
    public async Task EventsTail_PrintsRows_AndJsonIsOneObjectPerLine()
    {
        await ProfileAsync();
        await OkAsync("machines", "add", "52:54:00:10:00:03", "lc-tail", "--profile", "lc");
        (await CallbackAsync("52:54:00:10:00:03", "lc-tail", "progress", """{"phase":"tailed"}""")).Item1.ShouldBe(HttpStatusCode.OK);

        var rows = await EventuallyAsync(async () => await OkAsync("events", "tail", "--machine", "lc-tail"),
            r => r.Stdout.Contains("callback.progress", StringComparison.Ordinal));
        rows.Stdout.ShouldContain("TIME");
        rows.Stdout.Split('\n').ShouldContain(l => l.Contains("lc-tail", StringComparison.Ordinal) && l.Contains("state", StringComparison.Ordinal) && l.Contains("installing", StringComparison.Ordinal));

        var json = await OkAsync("events", "tail", "--machine", "lc-tail", "--limit", "2", "-o", "json");
        var lines = json.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);
        foreach (var line in lines) JsonSerializer.Deserialize(line, FleetbootJsonContext.Default.BootEventDto)!.Mac.ShouldBe("52:54:00:10:00:03");
    }

    [Fact]
    public async Task EventsTail_StepRepeatedInARow_IsOneRowWithItsCount()
    {
        await ProfileAsync();
        await OkAsync("machines", "add", "52:54:00:10:00:06", "lc-repeat", "--profile", "lc");
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        for (var i = 0; i < 3; i++)
            (await http.GetAsync("ipxe?mac=52:54:00:10:00:06")).EnsureSuccessStatusCode();

        var rows = await EventuallyAsync(async () => await OkAsync("events", "tail", "--machine", "lc-repeat"),
            r => r.Stdout.Contains("(x3, last ", StringComparison.Ordinal));
        rows.Stdout.Split('\n').Count(l => l.Contains("http.ipxe", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task EventsTailFollow_ShowsAnEventTriggeredAfterItStarted()
    {
        await ProfileAsync();
        await OkAsync("machines", "add", "52:54:00:10:00:04", "lc-follow", "--profile", "lc");
        await using var tail = CliLongRunning.Start(["--server", Server.Url, "--token", Server.Token, "events", "tail", "--follow", "--limit", "5"]);
        await tail.WaitForLineAsync(l => l.StartsWith("TIME", StringComparison.Ordinal), "the header");

        (await CallbackAsync("52:54:00:10:00:04", "lc-follow", "progress", """{"phase":"followed","message":"followed-message"}""")).Item1.ShouldBe(HttpStatusCode.OK);
        var row = await tail.WaitForLineAsync(l => l.Contains("followed-message", StringComparison.Ordinal), "the progress event");
        row.ShouldContain("lc-follow");
        row.ShouldContain("callback.progress");

        (await tail.InterruptAsync()).ShouldBe(0, tail.Stderr);
    }

    [Fact]
    public async Task MachinesWatch_NotATerminal_PrintsTheTableAndAgainAfterAChange()
    {
        await ProfileAsync();
        await OkAsync("machines", "add", "52:54:00:10:00:05", "lc-watch", "--profile", "lc");
        await using var watch = CliLongRunning.Start(["--server", Server.Url, "--token", Server.Token, "machines", "watch"]);
        var row = await watch.WaitForLineAsync(l => l.Contains("lc-watch", StringComparison.Ordinal), "the machine's row");
        row.ShouldContain("52:54:00:10:00:05");
        row.ShouldContain("provisioning");
        watch.Stdout.ShouldContain("HOSTNAME");
        watch.Stdout.ShouldNotContain("\u001b[");

        (await CallbackAsync("52:54:00:10:00:05", "lc-watch", "progress", """{"phase":"watched","percent":25}""")).Item1.ShouldBe(HttpStatusCode.OK);
        var changed = await watch.WaitForLineAsync(l => l.Contains("lc-watch", StringComparison.Ordinal) && l.Contains("watched 25%", StringComparison.Ordinal), "the row after progress");
        changed.ShouldContain("installing");

        (await watch.InterruptAsync()).ShouldBe(0, watch.Stderr);
    }

    private static async Task<CliProcess.Result> EventuallyAsync(Func<Task<CliProcess.Result>> run, Func<CliProcess.Result, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var result = await run();
            if (condition(result)) return result;
            if (DateTime.UtcNow > deadline) throw new TimeoutException(result.ToString());
            await Task.Delay(200);
        }
    }
}
