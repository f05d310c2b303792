using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Diagnostics;

namespace WorkOS.AspNetCore.Api;

/// <summary>
/// The user management calls of custom sign-in pages, sent through <see cref="WorkOSApiClient"/>: the same named client,
/// no redirects followed, bodies bounded, every failure a <see cref="WorkOSApiException"/>.
/// </summary>
internal sealed class UserManagementApiClient(WorkOSApiClient api, WorkOSApiSettings settings, ILogger logger)
{
    internal static readonly WorkOSEndpoint Authenticate = new("WorkOS authenticate", "/user_management/authenticate");
    private static readonly WorkOSEndpoint MagicAuth = new("WorkOS send Magic Auth code", "/user_management/magic_auth");
    private static readonly WorkOSEndpoint CreateUser = new("WorkOS create user", "/user_management/users");
    private static readonly WorkOSEndpoint EnrollFactor = new("WorkOS enroll auth factor", "/user_management/users/{user_id}/auth_factors");
    private static readonly WorkOSEndpoint ChallengeFactor = new("WorkOS challenge auth factor", "/auth/factors/{id}/challenge");
    private static readonly WorkOSEndpoint PasswordReset = new("WorkOS send password reset", "/user_management/password_reset");
    private static readonly WorkOSEndpoint PasswordResetConfirm = new("WorkOS confirm password reset", "/user_management/password_reset/confirm");
    private static readonly WorkOSEndpoint InvitationByToken = new("WorkOS find invitation", "/user_management/invitations/by_token/{token}");

    /// <summary>A grant of <c>POST /user_management/authenticate</c>.</summary>
    public Task<WorkOSAuthenticationResponse> AuthenticateAsync(AuthenticateRequest body, CancellationToken cancellationToken) =>
        api.AuthenticateAsync(body, cancellationToken, Authenticate);

    public Task SendMagicAuthCodeAsync(MagicAuthRequest body, CancellationToken cancellationToken) =>
        PostAsync(MagicAuth, "user_management/magic_auth", JsonContent.Create(body, UserManagementJsonContext.Default.MagicAuthRequest),
            UserManagementJsonContext.Default.JsonElement, cancellationToken);

    public async Task<WorkOSUser> CreateUserAsync(CreateUserRequest body, CancellationToken cancellationToken)
    {
        var user = await PostAsync(CreateUser, "user_management/users", JsonContent.Create(body, UserManagementJsonContext.Default.CreateUserRequest),
            UserManagementJsonContext.Default.WorkOSUser, cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(user.Id) ? throw Unexpected("user_management/users", "the answer carries no user") : user;
    }

    public async Task<(AuthenticationFactor Factor, AuthenticationChallenge Challenge)> EnrollTotpAsync(string userId, EnrollFactorRequest body,
        CancellationToken cancellationToken)
    {
        var path = $"user_management/users/{Uri.EscapeDataString(userId)}/auth_factors";
        var answer = await PostAsync(EnrollFactor, path, JsonContent.Create(body, UserManagementJsonContext.Default.EnrollFactorRequest),
            UserManagementJsonContext.Default.EnrollFactorResponse, cancellationToken).ConfigureAwait(false);
        return answer is { Factor: { Id.Length: > 0, Totp: { Secret.Length: > 0 } } factor, Challenge.Id.Length: > 0 }
            ? (factor, answer.Challenge)
            : throw Unexpected(path, "the answer carries no TOTP factor or challenge");
    }

    public async Task<AuthenticationChallenge> ChallengeFactorAsync(string factorId, CancellationToken cancellationToken)
    {
        var path = $"auth/factors/{Uri.EscapeDataString(factorId)}/challenge";
        var challenge = await PostAsync(ChallengeFactor, path, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
            UserManagementJsonContext.Default.AuthenticationChallenge, cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(challenge.Id) ? throw Unexpected(path, "the answer carries no challenge") : challenge;
    }

    public Task SendPasswordResetAsync(PasswordResetRequest body, CancellationToken cancellationToken) =>
        PostAsync(PasswordReset, "user_management/password_reset", JsonContent.Create(body, UserManagementJsonContext.Default.PasswordResetRequest),
            UserManagementJsonContext.Default.JsonElement, cancellationToken);

    public async Task<WorkOSUser> ConfirmPasswordResetAsync(PasswordResetConfirmRequest body, CancellationToken cancellationToken)
    {
        var answer = await PostAsync(PasswordResetConfirm, "user_management/password_reset/confirm",
            JsonContent.Create(body, UserManagementJsonContext.Default.PasswordResetConfirmRequest),
            UserManagementJsonContext.Default.PasswordResetConfirmResponse, cancellationToken).ConfigureAwait(false);
        return answer.User is { Id.Length: > 0, Email.Length: > 0 } user
            ? user
            : throw Unexpected("user_management/password_reset/confirm", "the answer carries no user");
    }

    public async Task<InvitationResponse> FindInvitationAsync(string token, CancellationToken cancellationToken)
    {
        var path = $"user_management/invitations/by_token/{Uri.EscapeDataString(token)}";
        using var request = InvitationByToken.Tag(new HttpRequestMessage(HttpMethod.Get, settings.Url(path)));
        var invitation = await api.SendAsync(request, UserManagementJsonContext.Default.InvitationResponse, authenticated: true, cancellationToken)
            .ConfigureAwait(false);
        return invitation is { Id.Length: > 0, Email.Length: > 0, State.Length: > 0 } ? invitation : throw Unexpected(path, "the answer carries no invitation");
    }

    private async Task<T> PostAsync<T>(WorkOSEndpoint endpoint, string path, HttpContent content, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo,
        CancellationToken cancellationToken)
    {
        using var request = endpoint.Tag(new HttpRequestMessage(HttpMethod.Post, settings.Url(path)) { Content = content });
        return await api.SendAsync(request, typeInfo, authenticated: true, cancellationToken).ConfigureAwait(false);
    }

    private WorkOSApiException Unexpected(string path, string reason)
    {
        logger.UnexpectedAnswer("/" + path.Split('?')[0], 200, "application/json", reason);
        return new WorkOSApiException($"WorkOS answered {path} unexpectedly: {reason}.", HttpStatusCode.OK, "invalid_response");
    }
}
