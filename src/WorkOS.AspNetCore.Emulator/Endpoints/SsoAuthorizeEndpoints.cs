using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.Pages;
using WorkOS.AspNetCore.Emulator.State;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// <c>GET /sso/authorize</c> (the connection's profile page, or a direct sign-in for a known <c>login_hint</c>) and the
/// page's form post. The client and redirect URI are checked as AuthKit's authorize checks them; the connection
/// selector (exactly one of <c>connection</c>, <c>organization</c>, <c>provider</c>) and <c>domain_hint</c> fail with the
/// reference's error codes, sent back to the redirect URI.
/// </summary>
internal static class SsoAuthorizeEndpoints
{
    public static Task AuthorizeAsync(HttpContext context, EmulatorCore core)
    {
        var parameters = AuthorizeParameters.From(context.Request.Query);
        if (!TryResolve(context, core, parameters, out var connection, out var reject))
        {
            return reject;
        }

        var profiles = core.Store.ProfilesOf(connection);
        if (parameters.Value("prompt") != "login" && parameters.LoginHint is { } hint
            && profiles.FirstOrDefault(p => string.Equals(p.Email, hint, StringComparison.OrdinalIgnoreCase)) is { } hinted)
        {
            return SignInAsync(context, core, parameters, connection, hinted.Id);
        }

        return Responses.HtmlAsync(context, StatusCodes.Status200OK, SsoSignInPage.Render(parameters.All, connection, profiles));
    }

    public static Task CompleteAsync(HttpContext context, EmulatorCore core)
    {
        var fields = RequestFields.Get(context);
        var parameters = AuthorizeParameters.From(fields.Values);
        if (!TryResolve(context, core, parameters, out var connection, out var reject))
        {
            return reject;
        }

        if (fields["action"] == "cancel")
        {
            return ErrorRedirectAsync(context, core, parameters, "access_denied", "The user denied the authorization request at the identity provider.");
        }

        if (fields["profile_id"] is not { } profileId)
        {
            return PageErrorAsync(context, core, "Choose one of the listed profiles.");
        }

        return SignInAsync(context, core, parameters, connection, profileId);
    }

    private static bool TryResolve(HttpContext context, EmulatorCore core, AuthorizeParameters parameters, out ConnectionRecord connection, out Task reject)
    {
        connection = null!;
        if (AuthorizeCheck.CheckClient(parameters, core) is { } problem)
        {
            reject = problem.PageError is { } message
                ? PageErrorAsync(context, core, message)
                : ErrorRedirectAsync(context, core, parameters, problem.RedirectError!, problem.Description!);
            return false;
        }

        var outcome = core.Store.ResolveConnection(
            parameters.Value("connection"), parameters.Value("organization"), parameters.Provider, parameters.Value("domain_hint"));
        if (outcome.Connection is null)
        {
            reject = ErrorRedirectAsync(context, core, parameters, outcome.Error!, outcome.Description!);
            return false;
        }

        connection = outcome.Connection;
        reject = Task.CompletedTask;
        return true;
    }

    private static Task SignInAsync(HttpContext context, EmulatorCore core, AuthorizeParameters parameters, ConnectionRecord connection, string profileId)
    {
        var (code, error, description) = core.Store.IssueSsoCode(connection, profileId, parameters.ClientId!, parameters.CodeChallenge, core.Options.CodeLifetime);
        if (code is null)
        {
            return ErrorRedirectAsync(context, core, parameters, error!, description!);
        }

        SsoLog.CodeIssued(Logger(core), profileId, connection.Id);
        return Responses.RedirectAsync(context, WithState(parameters.RedirectUri!, parameters.State, new() { ["code"] = code }));
    }

    private static Task PageErrorAsync(HttpContext context, EmulatorCore core, string message)
    {
        SsoLog.AuthorizePageError(Logger(core), message);
        return Responses.HtmlAsync(context, StatusCodes.Status400BadRequest, MessagePage.Error("Invalid sign-in request", message));
    }

    private static Task ErrorRedirectAsync(HttpContext context, EmulatorCore core, AuthorizeParameters parameters, string error, string description)
    {
        SsoLog.AuthorizeRedirectError(Logger(core), error, description);
        return Responses.RedirectAsync(context, WithState(parameters.RedirectUri!, parameters.State,
            new() { ["error"] = error, ["error_description"] = description }));
    }

    /// <summary>The redirect URI with <paramref name="query"/> and the state exactly as sent (when sent).</summary>
    internal static string WithState(string redirectUri, string? state, Dictionary<string, string?> query)
    {
        if (state is not null)
        {
            query["state"] = state;
        }

        return QueryHelpers.AddQueryString(redirectUri, query);
    }

    internal static ILogger Logger(EmulatorCore core) => core.Options.LoggerFactory.CreateLogger(SsoLog.Category);
}
