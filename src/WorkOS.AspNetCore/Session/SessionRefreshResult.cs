using System.Runtime.ExceptionServices;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Api;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// What became of a refresh token, as an <see cref="ISessionRefreshCoordinator"/> keeps and hands it out: the session
/// that replaced it, or <see cref="Spent"/>. The library's own refresh results also carry its failures, which are
/// shared with the callers of one run and never kept.
/// </summary>
public sealed class SessionRefreshResult
{
    private SessionRefreshResult(WorkOSAuthenticationResponse? response, RefreshOutcome? outcome)
    {
        Response = response;
        Outcome = outcome;
    }

    /// <summary>The refresh token was spent and nothing may be handed out for it; it must not be spent again.</summary>
    public static SessionRefreshResult Spent { get; } = new(null, null);

    /// <summary>The session that replaced the refresh token, when it was replaced; <see langword="null"/> otherwise.</summary>
    public WorkOSAuthenticationResponse? Response { get; }

    /// <summary>The library's own outcome, when this result is one.</summary>
    internal RefreshOutcome? Outcome { get; }

    /// <summary>An exception the library's own refresh threw (a bug): rethrown to every caller, never taken for the coordinator's failure.</summary>
    internal ExceptionDispatchInfo? Fault { get; private init; }

    /// <summary>A session that replaced a refresh token, as kept by <see cref="ISessionRefreshCoordinator.KeepAsync"/>.</summary>
    /// <param name="response">What WorkOS answered the refresh with.</param>
    /// <returns>The result.</returns>
    public static SessionRefreshResult Replaced(WorkOSAuthenticationResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new SessionRefreshResult(response, null);
    }

    /// <summary>A kept replacement whose access token the store already read.</summary>
    internal static SessionRefreshResult Replaced(WorkOSAuthenticationResponse response, JsonWebToken token) =>
        new(response, RefreshOutcome.Refreshed(response, token));

    internal static SessionRefreshResult Faulted(ExceptionDispatchInfo fault) => new(null, null) { Fault = fault };

    internal static SessionRefreshResult From(RefreshOutcome outcome) =>
        new(outcome.Status == RefreshStatus.Refreshed ? outcome.Response : null, outcome);
}
