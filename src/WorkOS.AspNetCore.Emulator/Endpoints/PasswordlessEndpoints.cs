using System.Globalization;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.Pages;
using WorkOS.AspNetCore.Emulator.State;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// Magic Link: <c>POST /passwordless/sessions</c> and <c>POST /passwordless/sessions/{id}/send</c> (API key), the link
/// <c>GET /passwordless/{token}/confirm</c> that lands on the redirect URI with an SSO code, and the outbox page.
/// </summary>
internal static class PasswordlessEndpoints
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(15);

    public static Task CreateAsync(HttpContext context, EmulatorCore core)
    {
        var fields = RequestFields.Get(context);
        if (fields["email"] is not { } email || !email.Contains('@', StringComparison.Ordinal))
        {
            return RefuseAsync(context, core, "email is required and must be an email address.");
        }

        if (fields["type"] != "MagicLink")
        {
            return RefuseAsync(context, core, "type must be 'MagicLink'.");
        }

        var redirectUri = fields["redirect_uri"];
        if (redirectUri is not null && !RedirectUriPolicy.IsAllowed(redirectUri, core.Options.RedirectUris))
        {
            return RefuseAsync(context, core, $"The redirect URI '{redirectUri}' is not registered for this client.");
        }

        var lifetime = DefaultLifetime;
        if (fields["expires_in"] is { } expiresIn)
        {
            if (!int.TryParse(expiresIn, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 86_400)
            {
                return RefuseAsync(context, core, "expires_in must be a number of seconds from 1 to 86400.");
            }

            lifetime = TimeSpan.FromSeconds(seconds);
        }

        var session = core.Store.CreatePasswordlessSession(email, redirectUri, fields["state"], lifetime);
        return Responses.JsonAsync(context, 201, ToDto(context, session), SsoJsonContext.Default.PasswordlessSessionDto);
    }

    public static Task SendAsync(HttpContext context, EmulatorCore core)
    {
        var id = context.Request.RouteValues["sessionId"] as string ?? "";
        var link = LinkFor(context, core.Store.PasswordlessLinkToken(id));
        if (link is null || core.Store.SendPasswordlessSession(id, link) is null)
        {
            SsoLog.PasswordlessRefused(SsoAuthorizeEndpoints.Logger(core), 404, $"no passwordless session '{id}'.");
            return Responses.NotFoundAsync(context, $"There is no passwordless session '{id}'.");
        }

        SsoLog.MagicLinkSent(SsoAuthorizeEndpoints.Logger(core), id);
        return Responses.JsonAsync(context, 200, new SuccessDto(true), SsoJsonContext.Default.SuccessDto);
    }

    public static Task ConfirmAsync(HttpContext context, EmulatorCore core)
    {
        var token = context.Request.RouteValues["token"] as string ?? "";
        var (session, code, problem) = core.Store.RedeemMagicLink(token, core.Options.ClientId, core.Options.CodeLifetime);
        var redirectUri = session?.RedirectUri ?? (core.Options.RedirectUris.Count > 0 ? core.Options.RedirectUris[0] : null);
        if (session is null || redirectUri is null)
        {
            problem ??= "The passwordless session has no redirect_uri and the emulator has no registered redirect URI.";
            SsoLog.MagicLinkRefused(SsoAuthorizeEndpoints.Logger(core), problem);
            return Responses.HtmlAsync(context, StatusCodes.Status400BadRequest, MessagePage.Error("Sign-in failed", problem));
        }

        return Responses.RedirectAsync(context, SsoAuthorizeEndpoints.WithState(redirectUri, session.State, new() { ["code"] = code }));
    }

    public static Task OutboxAsync(HttpContext context, EmulatorCore core) =>
        Responses.HtmlAsync(context, StatusCodes.Status200OK, OutboxPage.Render(core.Store.Outbox()));

    private static PasswordlessSessionDto ToDto(HttpContext context, PasswordlessSessionRecord session) =>
        new("passwordless_session", session.Id, session.Email, WireTime.Format(session.ExpiresAt)!, LinkFor(context, session.Token)!);

    private static string? LinkFor(HttpContext context, string? token) =>
        token is null ? null : $"{context.Request.Scheme}://{context.Request.Host}/passwordless/{Uri.EscapeDataString(token)}/confirm";

    private static Task RefuseAsync(HttpContext context, EmulatorCore core, string message)
    {
        SsoLog.PasswordlessRefused(SsoAuthorizeEndpoints.Logger(core), 422, message);
        return Responses.InvalidParametersAsync(context, message);
    }
}
