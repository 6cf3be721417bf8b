using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fleetboot.Http.Admin;

/// <summary>Authenticates <c>Authorization: Bearer TOKEN</c> against the admin token file; challenges with a 401 problem.</summary>
internal sealed class AdminTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminTokenSource tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "FleetbootAdminToken";
    private const string FailureKey = "fleetboot.auth.failure";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrWhiteSpace(header)) return Task.FromResult(Fail("no admin token was sent (Authorization: Bearer TOKEN)"));
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(Fail("the Authorization header is not a bearer token"));
        var presented = header["Bearer ".Length..].Trim();
        var expected = tokens.Current();
        if (expected is null) return Task.FromResult(Fail($"the server has no admin token ({tokens.TokenFile} is missing)"));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
            return Task.FromResult(Fail("the admin token is wrong"));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var reason = Context.Items[FailureKey] as string ?? result.Failure?.Message ?? "an admin token is needed";
        Response.Headers.WWWAuthenticate = "Bearer realm=\"fleetboot\"";
        await AdminProblems.Unauthorized(reason + "; pass --token or set FLEETBOOT_TOKEN (the token is in DATA/admin.token)")
            .ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AdminProblems.Problem(StatusCodes.Status403Forbidden, "Forbidden", "the admin token does not allow this").ExecuteAsync(Context);

    private AuthenticateResult Fail(string reason)
    {
        Context.Items[FailureKey] = reason;
        return AuthenticateResult.Fail(reason);
    }
}
