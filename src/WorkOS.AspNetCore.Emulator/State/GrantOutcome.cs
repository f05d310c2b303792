using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>Why a code exchange or refresh failed.</summary>
internal enum GrantFailure
{
    None,
    InvalidGrant,
    InvalidClient,
    OrganizationInvalid,
}

/// <summary>The session a successful grant produced, with everything the response and token need.</summary>
internal sealed record IssuedSession(
    UserDto User,
    string SessionId,
    string? OrganizationId,
    string RefreshToken,
    string AuthenticationMethod,
    AccessTokenContent Claims,
    PendingImpersonation? Impersonation)
{
    private string? _accessToken;

    /// <summary>The access token of this pair, signed once: a replay of the exchange answers the same token.</summary>
    public string AccessToken(Func<AccessTokenContent, string> sign)
    {
        lock (this)
        {
            return _accessToken ??= sign(Claims);
        }
    }
}

/// <summary>The result of a code exchange or a refresh.</summary>
internal sealed record GrantOutcome(GrantFailure Failure, string? Description, IssuedSession? Session)
{
    public static GrantOutcome Fail(GrantFailure failure, string description) => new(failure, description, null);

    public static GrantOutcome Success(IssuedSession session) => new(GrantFailure.None, null, session);
}
