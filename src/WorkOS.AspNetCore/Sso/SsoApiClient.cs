using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Diagnostics;

namespace WorkOS.AspNetCore.Sso;

/// <summary>
/// The SSO and passwordless calls, sent through <see cref="WorkOSApiClient.SendAsync{T}"/>: the same named client,
/// no redirects followed, bodies bounded, every failure a <see cref="WorkOSApiException"/>.
/// </summary>
internal sealed class SsoApiClient(WorkOSApiClient api, WorkOSApiSettings settings, ILogger logger)
{
    private static readonly WorkOSEndpoint Token = new("WorkOS SSO code exchange", "/sso/token");
    private static readonly WorkOSEndpoint LogoutAuthorize = new("WorkOS SSO logout", "/sso/logout/authorize");
    private static readonly WorkOSEndpoint CreateSession = new("WorkOS create passwordless session", "/passwordless/sessions");
    private static readonly WorkOSEndpoint SendSession = new("WorkOS send passwordless session", "/passwordless/sessions/{id}/send");

    /// <summary>Exchanges a code (form-encoded, with the PKCE verifier when the sign-in had one) for the profile.</summary>
    public async Task<(WorkOSSsoProfile Profile, string AccessToken)> ExchangeCodeAsync(string code, string? codeVerifier, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["client_id"] = settings.ClientId,
            ["client_secret"] = settings.ApiKey,
            ["grant_type"] = "authorization_code",
            ["code"] = code,
        };
        if (!string.IsNullOrEmpty(codeVerifier))
        {
            form["code_verifier"] = codeVerifier;
        }

        using var request = Token.Tag(new HttpRequestMessage(HttpMethod.Post, settings.Url("sso/token")) { Content = new FormUrlEncodedContent(form) });
        var response = await api.SendAsync(request, SsoJsonContext.Default.SsoTokenResponse, authenticated: false, cancellationToken).ConfigureAwait(false);
        if (response.Profile is not { Id.Length: > 0 } profile || string.IsNullOrEmpty(response.AccessToken))
        {
            logger.UnexpectedAnswer(request.RequestUri!.AbsolutePath, 200, "application/json", "the answer carries no profile");
            throw new WorkOSApiException("WorkOS answered the SSO code exchange with no profile.", HttpStatusCode.OK, "invalid_response");
        }

        return (profile, response.AccessToken);
    }

    /// <summary>A logout token for the profile's identity-provider session.</summary>
    public async Task<string> AuthorizeLogoutAsync(string profileId, CancellationToken cancellationToken)
    {
        using var request = LogoutAuthorize.Tag(new HttpRequestMessage(HttpMethod.Post, settings.Url("sso/logout/authorize"))
        {
            Content = JsonContent.Create(new SsoLogoutRequest { ProfileId = profileId }, SsoJsonContext.Default.SsoLogoutRequest),
        });
        var response = await api.SendAsync(request, SsoJsonContext.Default.SsoLogoutResponse, authenticated: true, cancellationToken).ConfigureAwait(false);
        return (response.LogoutToken ?? response.Token) is { Length: > 0 } token
            ? token
            : throw new WorkOSApiException("WorkOS answered the SSO logout request with no token.", HttpStatusCode.OK, "invalid_response");
    }

    public async Task<PasswordlessSessionResponse> CreatePasswordlessSessionAsync(PasswordlessSessionRequest body, CancellationToken cancellationToken)
    {
        using var request = CreateSession.Tag(new HttpRequestMessage(HttpMethod.Post, settings.Url("passwordless/sessions"))
        {
            Content = JsonContent.Create(body, SsoJsonContext.Default.PasswordlessSessionRequest),
        });
        var response = await api.SendAsync(request, SsoJsonContext.Default.PasswordlessSessionResponse, authenticated: true, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(response.Id) || !Uri.TryCreate(response.Link, UriKind.Absolute, out _))
        {
            logger.UnexpectedAnswer(request.RequestUri!.AbsolutePath, 200, "application/json", "the session carries no id or link");
            throw new WorkOSApiException("WorkOS answered the passwordless session request with no id or link.", HttpStatusCode.OK, "invalid_response");
        }

        return response;
    }

    public async Task SendPasswordlessSessionAsync(string id, CancellationToken cancellationToken)
    {
        using var request = SendSession.Tag(new HttpRequestMessage(HttpMethod.Post, settings.Url($"passwordless/sessions/{Uri.EscapeDataString(id)}/send"))
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        });
        await api.SendAsync(request, SsoJsonContext.Default.JsonElement, authenticated: true, cancellationToken).ConfigureAwait(false);
    }
}
