using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Api;

namespace WorkOS.AspNetCore.Session;

/// <summary>How a refresh ended.</summary>
internal enum RefreshStatus
{
    /// <summary>A new, verified session.</summary>
    Refreshed,

    /// <summary>A transient failure: try later; the session goes on while its access token is valid.</summary>
    Transient,

    /// <summary>The WorkOS session is over.</summary>
    Ended,

    /// <summary>
    /// The request's refresh token was already spent here and its replacement may no longer be handed out (past the
    /// replay window, or two rotations back). It is not spent again, and the cookie is left alone: the browser may
    /// already hold the newer one.
    /// </summary>
    Stale,

    /// <summary>WorkOS refused an organization switch (not a member, unknown organization, sign-in needed); the session is unchanged.</summary>
    Refused,
}

/// <summary>The result of one refresh, shared by every request that waited for it.</summary>
internal sealed record RefreshOutcome(RefreshStatus Status, WorkOSAuthenticationResponse? Response, JsonWebToken? Token, Exception? Error)
{
    /// <summary>
    /// On a transient outcome: the new refresh token WorkOS issued although its access token could not be checked
    /// (signing keys unreachable or unknown). The session goes on with it and the old access token; the unchecked
    /// access token is dropped.
    /// </summary>
    public string? RotatedRefreshToken { get; init; }

    /// <summary>The refresh token the session continues with after this outcome, when it has a new one.</summary>
    public string? NewRefreshToken => Response?.RefreshToken ?? RotatedRefreshToken;

    public static RefreshOutcome Refreshed(WorkOSAuthenticationResponse response, JsonWebToken token) => new(RefreshStatus.Refreshed, response, token, null);

    public static RefreshOutcome Transient(Exception error) => new(RefreshStatus.Transient, null, null, error);

    public static RefreshOutcome Rotated(string refreshToken, Exception error) =>
        new(RefreshStatus.Transient, null, null, error) { RotatedRefreshToken = refreshToken };

    public static RefreshOutcome Ended(Exception error) => new(RefreshStatus.Ended, null, null, error);

    public static RefreshOutcome Stale() => new(RefreshStatus.Stale, null, null, null);

    public static RefreshOutcome Refused(Exception error) => new(RefreshStatus.Refused, null, null, error);
}
