using Fleetboot.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fleetboot.Http.Admin;

public static class AdminApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers what <see cref="AdminApiEndpointRouteBuilderExtensions.MapFleetbootAdminApi"/> needs: bearer-token
    /// authentication against <see cref="AdminApiOptions.TokenFile"/> and the <see cref="AdminPolicies.Write"/> policy,
    /// problem details, the API's source-generated JSON and the OpenAPI document. The Core services the endpoints call
    /// (MachineRegistry, ProfileCatalog, GroupCatalog, TemplateLibrary, MacAllocator, BootRenderer) are registered by the host.
    /// </summary>
    public static IServiceCollection AddFleetbootAdminApi(this IServiceCollection services, Action<AdminApiOptions>? configure = null)
    {
        var options = services.AddOptions<AdminApiOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton<AdminTokenSource>();
        // The core of authentication only: AddAuthentication() would also start Data Protection, which
        // writes a key ring under ~/.aspnet at start-up for cookies this server never issues.
        // No default scheme: the Write policy names its scheme, and the anonymous boot endpoints (nearly all the
        // traffic) then skip the token handler instead of running it to a failure on every request.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        services.AddAuthenticationCore();
        services.AddWebEncoders();
        new AuthenticationBuilder(services)
            .AddScheme<AuthenticationSchemeOptions, AdminTokenAuthenticationHandler>(AdminTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicies.Write, policy => policy
                .AddAuthenticationSchemes(AdminTokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, FleetbootJsonContext.Default));
        services.AddOpenApi("v1", openApi =>
        {
            openApi.AddDocumentTransformer<AdminOpenApiTransformer>();
            openApi.AddOperationTransformer<AdminOpenApiTransformer>();
        });
        return services;
    }
}
