using Fleetboot.Contracts;
using Fleetboot.Core.Boot;
using Fleetboot.Core.Machines;
using Fleetboot.Http.Boot;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fleetboot.Http.Admin;

/// <summary>
/// <c>GET /api/v1/machines/{reference}/render/{kind}</c>: what the machine would be served, rendered now through the same
/// renderer as the boot endpoints. Needs the admin token because rendered scripts carry the machine's callback token.
/// </summary>
internal static class RenderEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/machines/{reference}/render/{**kind}", PreviewAsync)
            .WithTags("Machines")
            .WithName("PreviewRender")
            .WithSummary("Render ipxe, grub, pxelinux, a config kind (ignition, talos, kickstart, preseed, user-data, meta-data, network-config) or generic/NAME (or generic?name=NAME) for a machine.")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<Results<Ok<RenderPreviewDto>, ProblemHttpResult, ValidationProblem>> PreviewAsync(
        string reference, string kind, string? name, HttpContext http, MachineRegistry registry, BootRenderer renderer, CancellationToken ct)
    {
        kind = Uri.UnescapeDataString(kind);
        var kindText = kind == "generic" && !string.IsNullOrEmpty(name) ? $"generic/{name}" : kind;
        if (!BootArtifact.TryParse(kindText, out var artifact))
            return AdminProblems.Invalid("kind", $"'{kindText}' is not a render kind; use ipxe, grub, pxelinux, one of {string.Join(", ", Core.Profiles.ConfigKinds.ContentTypes.Keys)}, or generic/NAME");
        var machine = await registry.FindAsync(reference, ct);
        if (machine is null) return AdminProblems.NotFound("machine", reference);

        var bootOptions = http.RequestServices.GetService<BootHttpOptions>();
        var request = new BootRequest
        {
            Mac = machine.PrimaryMac,
            Uuid = machine.Uuid,
            Hostname = machine.Hostname,
            Serial = machine.Serial,
            Arch = MachineNames.Of(machine.Arch),
            Platform = machine.Firmware is { } firmware ? MachineNames.Of(firmware) : null,
            ClientAddress = ClientAddress.Of(http),
            BaseUrl = BootRequestReader.BaseUrl(http, bootOptions),
            TftpAddress = bootOptions?.TftpAddress,
            Query = http.Request.Query.Where(q => q.Key != "name").ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
        };
        var result = await renderer.RenderForAsync(machine, request, artifact, ct);
        return result.Status switch
        {
            RenderStatus.Ok => TypedResults.Ok(new RenderPreviewDto
            {
                Machine = machine.Id,
                Kind = artifact.Kind is BootArtifactKind.File ? "generic" : artifact.ToString(),
                Name = artifact.Kind is BootArtifactKind.File ? artifact.Name : null,
                ContentType = result.ContentType,
                Content = result.Content,
            }),
            RenderStatus.Failed when result.Error is { } error => AdminProblems.RenderFailed(error.Template, error.Message, error.Line, error.Column),
            _ => AdminProblems.Problem(StatusCodes.Status404NotFound, "Not found", result.Reason ?? $"nothing to render for {artifact}"),
        };
    }
}
