namespace Fleetboot.Http.Tests.Admin;

public sealed class AdminNotFoundTests : AdminApiTestBase
{
    [Theory]
    [InlineData("GET", "api/v1/machines/nobody", "machine")]
    [InlineData("GET", "api/v1/machines/00:99:99:99:99:99", "machine")]
    [InlineData("DELETE", "api/v1/machines/nobody", "machine")]
    [InlineData("GET", "api/v1/profiles/nope", "profile")]
    [InlineData("DELETE", "api/v1/profiles/nope", "profile")]
    [InlineData("GET", "api/v1/groups/nope", "group")]
    [InlineData("GET", "api/v1/templates/nope", "template")]
    [InlineData("GET", "api/v1/templates/nope/history", "template")]
    [InlineData("DELETE", "api/v1/macs/reservations/02:00:00:00:00:01", "MAC reservation")]
    [InlineData("GET", "api/v1/machines/nobody/render/ipxe", "machine")]
    public async Task UnknownResource_Answers404ProblemNamingIt(string method, string path, string resource)
    {
        using var response = await SendAsync(new HttpMethod(method), path);
        var problem = await ProblemAsync(response, 404);
        problem["detail"]!.GetValue<string>().ShouldStartWith($"no {resource} ");
    }

    [Fact]
    public async Task ReplaceMachine_Unknown_Answers404()
    {
        using var response = await SendAsync(HttpMethod.Put, "api/v1/machines/nobody", """{"macs": ["00:11:22:33:44:55"]}""");
        await ProblemAsync(response, 404);
    }

    [Fact]
    public async Task UnknownApiRoute_Answers404Problem()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/v1/no/such/thing");
        var problem = await ProblemAsync(response, 404);
        problem["detail"]!.GetValue<string>().ShouldContain("/api/v1/no/such/thing");
    }

    [Fact]
    public async Task RollbackTemplate_UnknownVersion_Answers404()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/v1/templates/ipxe/rollback", """{"version": 7}""");
        await ProblemAsync(response, 404);
    }

    [Fact]
    public async Task WrongMethod_Answers405ProblemWithAllow()
    {
        using var response = await SendAsync(HttpMethod.Patch, "api/v1/profiles/debian", "{}");
        var problem = await ProblemAsync(response, 405);
        response.Content.Headers.Allow.ShouldBe(["DELETE", "GET", "PUT"], ignoreOrder: true);
        problem["detail"]!.GetValue<string>().ShouldContain("PATCH");
    }

    [Fact]
    public async Task NonJsonBody_Answers415Problem()
    {
        using var http = Server.CreateClient(authenticated: true);
        using var content = new StringContent("id=debian", System.Text.Encoding.UTF8, "text/plain");
        using var response = await http.PostAsync("api/v1/profiles", content, Ct);
        await ProblemAsync(response, 415);
    }
}
