using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WorkOS.AspNetCore.Connect;

/// <summary>
/// The token handler of the Connect scheme's <c>JwtBearerHandler</c>: IdentityModel's <see cref="JsonWebTokenHandler"/>
/// with the parameters <c>JwtBearer</c> built from the discovery document, plus what it lacks: a token naming a key the
/// cached set lacks fetches the keys once (throttled) and is checked again, and the space-separated <c>scope</c> claim
/// becomes one claim per scope.
/// </summary>
internal sealed class ConnectTokenHandler(ConnectConfigurationManager configuration, ILogger logger) : TokenHandler
{
    /// <summary>Tokens larger than this are refused before any parsing.</summary>
    internal const int MaxTokenLength = 16 * 1024;

    private static readonly JsonWebTokenHandler Inner = new() { MapInboundClaims = false, MaximumTokenSizeInBytes = MaxTokenLength };

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var result = await Inner.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        if (!result.IsValid && NamesUnknownKey(token, validationParameters)
            && await configuration.RefreshForUnknownKeyAsync(CancellationToken.None).ConfigureAwait(false) is { } refreshed)
        {
            var again = validationParameters.Clone();
            again.IssuerSigningKeys = refreshed.SigningKeys;
            result = await Inner.ValidateTokenAsync(token, again).ConfigureAwait(false);
        }

        if (!result.IsValid)
        {
            logger.TokenRefused(Reason(result.Exception), Describe(result.Exception));
            return new TokenValidationResult { IsValid = false, Exception = new SecurityTokenValidationException(Describe(result.Exception), result.Exception) };
        }

        SplitScopes(result.ClaimsIdentity);
        return result;
    }

    public override SecurityToken ReadToken(string token) => new JsonWebToken(token);

    /// <summary>Whether the token is a JWT whose <c>kid</c> none of the known keys has.</summary>
    private static bool NamesUnknownKey(string token, TokenValidationParameters parameters)
    {
        string? kid;
        try
        {
            kid = token.Length <= MaxTokenLength ? new JsonWebToken(token).Kid : null;
        }
        catch (ArgumentException)
        {
            return false;
        }

        return !string.IsNullOrEmpty(kid) && !(parameters.IssuerSigningKeys ?? []).Any(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal));
    }

    /// <summary>Replaces the <c>scope</c> claim (<c>"a b c"</c>) by one claim per scope.</summary>
    private static void SplitScopes(ClaimsIdentity identity)
    {
        var claims = identity.FindAll(WorkOSConnectDefaults.ScopeClaimType).ToList();
        foreach (var claim in claims)
        {
            identity.RemoveClaim(claim);
            foreach (var scope in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal))
            {
                identity.AddClaim(new Claim(WorkOSConnectDefaults.ScopeClaimType, scope, ClaimValueTypes.String, claim.Issuer, claim.OriginalIssuer, identity));
            }
        }
    }

    private static string Reason(Exception? ex) => ex switch
    {
        SecurityTokenSignatureKeyNotFoundException => "unknown_key",
        SecurityTokenInvalidSignatureException => "invalid_signature",
        SecurityTokenInvalidIssuerException => "invalid_issuer",
        SecurityTokenInvalidAudienceException => "invalid_audience",
        SecurityTokenExpiredException or SecurityTokenInvalidLifetimeException or SecurityTokenNoExpirationException => "expired",
        SecurityTokenInvalidAlgorithmException => "algorithm_not_allowed",
        SecurityTokenMalformedException or ArgumentException => "malformed",
        _ => "invalid",
    };

    private static string Describe(Exception? ex) => ex switch
    {
        SecurityTokenSignatureKeyNotFoundException => "The access token is signed with a key the AuthKit domain does not publish.",
        SecurityTokenInvalidSignatureException => "The access token signature is invalid.",
        SecurityTokenInvalidIssuerException => "The access token was not issued by the configured AuthKit domain.",
        SecurityTokenInvalidAudienceException => "The access token was issued for another audience.",
        SecurityTokenExpiredException or SecurityTokenInvalidLifetimeException or SecurityTokenNoExpirationException => "The access token has expired or has no valid lifetime.",
        SecurityTokenInvalidAlgorithmException => "The access token is not signed with RS256.",
        SecurityTokenMalformedException or ArgumentException => "The access token is not a well-formed JWT.",
        _ => "The access token is invalid.",
    };
}
