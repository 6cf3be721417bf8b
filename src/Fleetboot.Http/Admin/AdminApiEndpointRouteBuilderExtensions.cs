using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fleetboot.Http.Admin;

public static class AdminApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the admin REST API under <c>/api/v1</c> and its OpenAPI document at <c>/openapi/v1.json</c>.
    /// Needs <see cref="AdminApiServiceCollectionExtensions.AddFleetbootAdminApi"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapFleetbootAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").AddEndpointFilter(new AdminRequestFilter());
        MachineEndpoints.Map(api);
        RenderEndpoints.Map(api);
        ProfileEndpoints.Map(api);
        GroupEndpoints.Map(api);
        TemplateEndpoints.Map(api);
        MacEndpoints.Map(api);
        LeaseEndpoints.Map(api);
        SubnetEndpoints.Map(api);
        LifecycleEndpoints.Map(api);
        EventEndpoints.Map(api);
        api.MapFallback((HttpContext http, EndpointDataSource endpoints) => AdminFallback.Answer(http, endpoints))
            .ExcludeFromDescription();
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        return endpoints;
    }
}
