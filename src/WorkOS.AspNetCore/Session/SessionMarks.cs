using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Claims;

namespace WorkOS.AspNetCore.Session;

/// <summary>What a mark on the revoked-session list does to the tokens it covers.</summary>
internal enum SessionMarkKind
{
    /// <summary>Tokens issued before the mark are refused: their session is over.</summary>
    Revoke,

    /// <summary>Tokens issued before the mark are refreshed at their next cookie request, so new claims apply at once.</summary>
    Refresh,
}

/// <summary>How the revoked-session list stands on one access token.</summary>
internal enum SessionStanding
{
    /// <summary>Nothing on the list covers it.</summary>
    Current,

    /// <summary>Its session or its subject is revoked.</summary>
    Revoked,

    /// <summary>Its claims changed after it was issued: refresh before using it.</summary>
    RefreshDue,
}

/// <summary>
/// A subject-level mark: "tokens of <see cref="UserId"/> (in <see cref="OrganizationId"/> when set) issued before
/// <see cref="Before"/>", kept until <see cref="Until"/>. A null user with an organization covers everyone in that
/// organization; both null cover every token.
/// </summary>
internal readonly record struct SessionMark(SessionMarkKind Kind, string? UserId, string? OrganizationId, DateTimeOffset Before, DateTimeOffset Until);

/// <summary>The parts of an access token the list is checked on: <c>sid</c>, <c>sub</c>, <c>org_id</c>, <c>iat</c> and <c>exp</c>.</summary>
internal readonly record struct SessionSubject(string? SessionId, string? UserId, string? OrganizationId, DateTimeOffset IssuedAt, DateTimeOffset Expires)
{
    public static SessionSubject Of(JsonWebToken token, string? sessionId = null) => new(
        sessionId ?? (token.TryGetPayloadValue<string>(WorkOSClaimTypes.SessionId, out var sid) ? sid : null),
        string.IsNullOrEmpty(token.Subject) ? null : token.Subject,
        token.TryGetPayloadValue<string>(WorkOSClaimTypes.OrganizationId, out var org) && org.Length > 0 ? org : null,
        new DateTimeOffset(token.IssuedAt, TimeSpan.Zero),
        new DateTimeOffset(token.ValidTo, TimeSpan.Zero));
}
