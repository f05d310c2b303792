using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.Pages;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// SSO logout: <c>POST /sso/logout/authorize {profile_id}</c> (API key) issues a one-time token; the browser then goes to
/// <c>GET /sso/logout?token=</c>, which ends the profile's SSO access tokens and redirects to the first
/// <see cref="WorkOSEmulatorOptions.LogoutRedirectUris"/> (or the emulator's signed-out page when none is configured).
/// </summary>
internal static class SsoLogoutEndpoints
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(10);

    public static Task AuthorizeAsync(HttpContext context, EmulatorCore core)
    {
        var fields = RequestFields.Get(context);
        if (fields["profile_id"] is not { } profileId)
        {
            SsoLog.LogoutRefused(SsoAuthorizeEndpoints.Logger(core), "profile_id is missing.");
            return Responses.InvalidParametersAsync(context, "profile_id is required.");
        }

        if (core.Store.IssueSsoLogoutToken(profileId, TokenLifetime) is not { } token)
        {
            SsoLog.LogoutRefused(SsoAuthorizeEndpoints.Logger(core), $"profile '{profileId}' has not signed in.");
            return Responses.NotFoundAsync(context, $"There is no signed-in profile '{profileId}'.");
        }

        var url = $"{context.Request.Scheme}://{context.Request.Host}/sso/logout?token={Uri.EscapeDataString(token)}";
        return Responses.JsonAsync(context, 201, new SsoLogoutAuthorizeDto(token, url), SsoJsonContext.Default.SsoLogoutAuthorizeDto);
    }

    public static Task LogoutAsync(HttpContext context, EmulatorCore core)
    {
        var token = context.Request.Query["token"].ToString();
        if (token.Length == 0 || !core.Store.RedeemSsoLogoutToken(token))
        {
            SsoLog.LogoutRefused(SsoAuthorizeEndpoints.Logger(core), "the logout token is missing, unknown, used or expired.");
            return Responses.HtmlAsync(context, StatusCodes.Status400BadRequest, MessagePage.Error("Sign-out failed", "The logout link is invalid or has expired."));
        }

        return Responses.RedirectAsync(context, core.Options.LogoutRedirectUris.Count > 0 ? core.Options.LogoutRedirectUris[0] : MessagePage.SignedOutPath);
    }
}
