using System.Text.Json.Nodes;
using Fleetboot.Contracts;

namespace Fleetboot.Http.Tests.Admin;

public sealed class AdminLoaderTests : AdminApiTestBase
{
    [Fact]
    public async Task MachineLoader_RoundTripsNormalisedAndClearsWhenEmpty()
    {
        var added = await Api.AddMachineAsync(new MachineRequest { Macs = ["52:54:00:00:02:01"], Hostname = "l1", Loader = "PXELINUX" }, Ct);
        added.Loader.ShouldBe("pxelinux");
        (await Api.GetMachineAsync("l1", Ct)).Loader.ShouldBe("pxelinux");

        var replaced = await Api.ReplaceMachineAsync("l1", new MachineRequest { Macs = ["52:54:00:00:02:01"], Hostname = "l1", Loader = "/efi/custom.efi" }, Ct);
        replaced.Loader.ShouldBe("efi/custom.efi");
        var cleared = await Api.ReplaceMachineAsync("l1", new MachineRequest { Macs = ["52:54:00:00:02:01"], Hostname = "l1", Loader = "" }, Ct);
        cleared.Loader.ShouldBeNull();
    }

    [Fact]
    public async Task ProfileLoader_RoundTripsNormalised()
    {
        var profile = await Api.AddProfileAsync(new ProfileRequest { Id = "secure", Kernel = "http://x/linux", Loader = "Shim" }, Ct);
        profile.Loader.ShouldBe("shim");
        (await Api.GetProfileAsync("secure", Ct)).Loader.ShouldBe("shim");
    }

    [Theory]
    [InlineData("api/v1/machines", """{"macs":["52:54:00:00:02:02"],"loader":"../../etc/shadow"}""")]
    [InlineData("api/v1/machines", """{"macs":["52:54:00:00:02:02"],"loader":"ftp://boot/grub.efi"}""")]
    [InlineData("api/v1/profiles", """{"id":"p1","loader":"grub efi"}""")]
    public async Task BadLoader_Answers400NamingTheLoaderField(string path, string json)
    {
        using var response = await SendAsync(HttpMethod.Post, path, json);
        var problem = await ProblemAsync(response, 400);
        ErrorsFor(problem, "loader")[0].ShouldContain("ipxe, grub, shim, pxelinux");
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheLoaderField()
    {
        using var response = await SendAsync(HttpMethod.Get, "openapi/v1.json", withToken: false);
        var schemas = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["components"]!["schemas"]!;
        foreach (var schema in new[] { "MachineDto", "MachineRequest", "ProfileDto", "ProfileRequest" })
            schemas[schema]!["properties"]!["loader"].ShouldNotBeNull($"{schema} has no loader property");
    }
}
