using System.Net;

namespace Fleetboot.Http.Tests.Admin;

public sealed class AdminAuthTests : AdminApiTestBase
{
    private const string Profile = """{"id":"debian","kernel":"http://mirror.example/linux"}""";

    [Fact]
    public async Task Write_WithoutToken_Answers401Problem()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/v1/profiles", Profile, withToken: false);
        var problem = await ProblemAsync(response, 401);
        problem["detail"]!.GetValue<string>().ShouldContain("no admin token");
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        (await Api.ListProfilesAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Write_WithWrongToken_Answers401Problem()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/v1/profiles", Profile, token: "not-the-token");
        var problem = await ProblemAsync(response, 401);
        problem["detail"]!.GetValue<string>().ShouldContain("wrong");
        (await Api.ListProfilesAsync(Ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("PUT", "api/v1/machines/m1")]
    [InlineData("DELETE", "api/v1/machines/m1")]
    [InlineData("DELETE", "api/v1/profiles/p1")]
    [InlineData("POST", "api/v1/groups")]
    [InlineData("PUT", "api/v1/templates/ipxe")]
    [InlineData("POST", "api/v1/templates/ipxe/reset")]
    [InlineData("POST", "api/v1/macs/allocate")]
    [InlineData("DELETE", "api/v1/macs/reservations/02:00:00:00:00:01")]
    [InlineData("GET", "api/v1/machines/m1/render/ipxe")]
    public async Task EveryWrite_WithoutToken_Answers401(string method, string path)
    {
        using var response = await SendAsync(new HttpMethod(method), path, method == "GET" || method == "DELETE" ? null : "{}", withToken: false);
        await ProblemAsync(response, 401);
    }

    [Fact]
    public async Task Write_WithRightToken_IsAccepted()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/v1/profiles", Profile);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe("/api/v1/profiles/debian");
    }

    [Fact]
    public async Task Read_WithoutToken_IsAllowed()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/v1/machines", withToken: false);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Write_AfterTokenFileChanged_NeedsTheNewToken()
    {
        await File.WriteAllTextAsync(Server.TokenFile, "a-brand-new-token-value\n", Ct);
        File.SetLastWriteTimeUtc(Server.TokenFile, DateTime.UtcNow.AddMinutes(1));

        using var old = await SendAsync(HttpMethod.Post, "api/v1/profiles", Profile);
        await ProblemAsync(old, 401);
        using var fresh = await SendAsync(HttpMethod.Post, "api/v1/profiles", Profile, token: "a-brand-new-token-value");
        fresh.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Write_WhenTokenFileIsMissing_Answers401NamingTheFile()
    {
        File.Delete(Server.TokenFile);
        using var response = await SendAsync(HttpMethod.Post, "api/v1/profiles", Profile);
        var problem = await ProblemAsync(response, 401);
        problem["detail"]!.GetValue<string>().ShouldContain("admin.token");
    }
}
