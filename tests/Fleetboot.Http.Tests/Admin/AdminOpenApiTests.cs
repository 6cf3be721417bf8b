using System.Net;
using System.Text.Json.Nodes;

namespace Fleetboot.Http.Tests.Admin;

public sealed class AdminOpenApiTests : AdminApiTestBase
{
    [Fact]
    public async Task OpenApiDocument_IsServedAndListsEveryRoute()
    {
        using var response = await SendAsync(HttpMethod.Get, "openapi/v1.json", withToken: false);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        document["openapi"]!.GetValue<string>().ShouldStartWith("3.");
        var paths = document["paths"]!.AsObject();
        string[] expected =
        [
            "/api/v1/machines", "/api/v1/machines/{reference}", "/api/v1/machines/{reference}/render/{kind}",
            "/api/v1/profiles", "/api/v1/profiles/{id}", "/api/v1/groups", "/api/v1/groups/{id}",
            "/api/v1/templates", "/api/v1/templates/{name}", "/api/v1/templates/{name}/history",
            "/api/v1/templates/{name}/rollback", "/api/v1/templates/{name}/reset",
            "/api/v1/macs/allocate", "/api/v1/macs/reservations", "/api/v1/macs/reservations/{mac}",
        ];
        foreach (var path in expected) paths.ContainsKey(path).ShouldBeTrue($"{path} missing from {string.Join(", ", paths.Select(p => p.Key))}");

        var machines = paths["/api/v1/machines"]!.AsObject();
        machines.ContainsKey("get").ShouldBeTrue();
        machines.ContainsKey("post").ShouldBeTrue();
        machines["post"]!["requestBody"]!["content"]!["application/json"].ShouldNotBeNull();
        machines["post"]!["security"].ShouldNotBeNull();
        machines["get"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ShouldContain("label");
        document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");
        document["components"]!["schemas"]!["MachineDto"].ShouldNotBeNull();
    }
}
