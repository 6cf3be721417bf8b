namespace Fleetboot.Http.Tests.Admin;

public sealed class AdminValidationTests : AdminApiTestBase
{
    [Fact]
    public async Task AddMachine_MalformedJson_Answers400NamingTheBody()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/v1/machines", """{"macs": ["00:11:22:33:44:55"], """);
        var problem = await ProblemAsync(response, 400);
        ErrorsFor(problem, "body")[0].ShouldContain("malformed JSON");
    }

    [Fact]
    public async Task AddMachine_WrongJsonType_Answers400NamingTheField()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/v1/machines", """{"macs": ["00:11:22:33:44:55"], "labels": {"rack": 7}}""");
        var problem = await ProblemAsync(response, 400);
        ErrorsFor(problem, "labels.rack")[0].ShouldContain("wrong JSON type");
    }

    [Fact]
    public async Task AddMachine_NoBody_Answers400()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/v1/machines");
        var problem = await ProblemAsync(response, 400);
        ErrorsFor(problem, "body").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task AddMachine_InvalidMac_Answers400NamingTheMac()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/v1/machines", """{"macs": ["00:11:22:33:44:55", "zz:11:22:33:44:55"]}""");
        var problem = await ProblemAsync(response, 400);
        ErrorsFor(problem, "macs[1]")[0].ShouldContain("zz:11:22:33:44:55");
        problem["errors"]!.AsObject().ContainsKey("macs[0]").ShouldBeFalse();
    }

    [Fact]
    public async Task AddMachine_SeveralInvalidFields_NamesEachField()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/v1/machines",
            """{"macs": ["00:11:22:33:44:55"], "arch": "sparc", "firmware": "coreboot", "staticIp": "10.0.0", "labels": {"bad key": "x"}}""");
        var problem = await ProblemAsync(response, 400);
        ErrorsFor(problem, "arch")[0].ShouldContain("sparc");
        ErrorsFor(problem, "firmware")[0].ShouldContain("coreboot");
        ErrorsFor(problem, "staticIp").ShouldNotBeEmpty();
        ErrorsFor(problem, "labels.bad key").ShouldNotBeEmpty();
        (await Api.ListMachinesAsync(null, Ct)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task AddMachine_UnknownProfile_Answers400NamingProfile()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/v1/machines", """{"macs": ["00:11:22:33:44:55"], "profile": "nope"}""");
        var problem = await ProblemAsync(response, 400);
        ErrorsFor(problem, "profile")[0].ShouldContain("nope");
    }

    [Theory]
    [InlineData("label=rack", "label")]
    [InlineData("state=sleeping", "state")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("offset=-1", "offset")]
    public async Task ListMachines_BadFilter_Answers400NamingTheParameter(string query, string field)
    {
        using var response = await SendAsync(HttpMethod.Get, "api/v1/machines?" + query);
        var problem = await ProblemAsync(response, 400);
        ErrorsFor(problem, field).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task AddProfile_TemplateThatDoesNotParse_Answers400WithLine()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/v1/profiles",
            """{"id": "broken", "kernel": "http://x/linux", "configs": {"kickstart": "line one\n{{#if machine.hostname}}\nno close"}}""");
        var problem = await ProblemAsync(response, 400);
        ErrorsFor(problem, "configs.kickstart").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task AddProfile_MissingId_Answers400NamingId()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/v1/profiles", """{"kernel": "http://x/linux"}""");
        var problem = await ProblemAsync(response, 400);
        ErrorsFor(problem, "id").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task ReplaceProfile_BodyIdDiffersFromPath_Answers400()
    {
        await AddProfileAsync("debian");
        using var response = await SendAsync(HttpMethod.Put, "api/v1/profiles/debian", """{"id": "ubuntu", "kernel": "http://x/linux"}""");
        var problem = await ProblemAsync(response, 400);
        ErrorsFor(problem, "id").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task AddGroup_BadSelector_Answers400NamingTheSelector()
    {
        await AddProfileAsync("debian");
        using var response = await SendAsync(HttpMethod.Post, "api/v1/groups", """{"id": "g", "profile": "debian", "selectors": {"mac": "not-a-mac"}}""");
        var problem = await ProblemAsync(response, 400);
        ErrorsFor(problem, "selectors.mac").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task AllocateMacs_BadPrefix_Answers400NamingPrefix()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/v1/macs/allocate", """{"count": 2, "prefix": "zz:01"}""");
        var problem = await ProblemAsync(response, 400);
        ErrorsFor(problem, "prefix").ShouldNotBeEmpty();
    }
}
