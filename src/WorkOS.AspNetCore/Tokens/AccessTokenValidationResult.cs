using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WorkOS.AspNetCore.Tokens;

/// <summary>Why an access token was refused.</summary>
internal enum AccessTokenFailure
{
    /// <summary>The token was accepted.</summary>
    None = 0,

    /// <summary>Refused for a reason not listed below.</summary>
    Invalid,

    /// <summary>Empty, too large, or not a compact JWS.</summary>
    Malformed,

    /// <summary>Signed with something other than RS256 (<c>none</c>, HMAC, ...).</summary>
    Algorithm,

    /// <summary>
    /// Names a signing key WorkOS does not publish: the keys were fetched (or, for a caller's token, recently enough) and
    /// lack it.
    /// </summary>
    UnknownKey,

    /// <summary>The signature does not verify.</summary>
    InvalidSignature,

    /// <summary>The issuer is not one of the accepted issuers.</summary>
    InvalidIssuer,

    /// <summary>Past its expiry (plus the clock skew), or without one.</summary>
    Expired,

    /// <summary>Before its not-before time (minus the clock skew).</summary>
    NotYetValid,

    /// <summary>
    /// The token could not be checked: the keys were never fetched, or it names a key the cached set lacks and fetching
    /// the keys failed. Not a verdict on the token.
    /// </summary>
    KeysUnavailable,

    /// <summary>Its <c>client_id</c> or <c>aud</c> names another client.</summary>
    InvalidAudience,
}

/// <summary>The outcome of verifying a WorkOS access token: the token, or why it was refused.</summary>
internal sealed record AccessTokenValidationResult(JsonWebToken? Token, string? Error, Exception? Exception = null)
{
    public bool IsValid => Token is not null;

    /// <summary>Why the token was refused; <see cref="AccessTokenFailure.None"/> when it was accepted.</summary>
    public AccessTokenFailure Reason { get; init; }

    /// <summary>The key set that verified the token, when it was accepted.</summary>
    public JsonWebKeySet? Keys { get; init; }

    public static AccessTokenValidationResult Success(JsonWebToken token, JsonWebKeySet keys) => new(token, null) { Keys = keys };

    public static AccessTokenValidationResult Failure(string error, Exception? exception = null) =>
        Failure(AccessTokenFailure.Invalid, error, exception);

    public static AccessTokenValidationResult Failure(AccessTokenFailure reason, string error, Exception? exception = null) =>
        new(null, error, exception) { Reason = reason };
}
