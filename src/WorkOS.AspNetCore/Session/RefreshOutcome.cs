using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Api;

namespace WorkOS.AspNetCore.Session;

/// <summary>How a refresh ended: a new session, a transient failure (try later), or the WorkOS session is over.</summary>
internal enum RefreshStatus
{
    Refreshed,
    Transient,
    Ended,
}

/// <summary>The result of one refresh, shared by every request that waited for it.</summary>
internal sealed record RefreshOutcome(RefreshStatus Status, WorkOSAuthenticationResponse? Response, JsonWebToken? Token, Exception? Error)
{
    public static RefreshOutcome Refreshed(WorkOSAuthenticationResponse response, JsonWebToken token) => new(RefreshStatus.Refreshed, response, token, null);

    public static RefreshOutcome Transient(Exception error) => new(RefreshStatus.Transient, null, null, error);

    public static RefreshOutcome Ended(Exception error) => new(RefreshStatus.Ended, null, null, error);
}
