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
        // What is not an RS256-signed JWT (not a JWT, a JWE, alg none or HS256) is refused before any key is looked up,
        // so a forged kid on such a token fetches nothing.
        JsonWebToken parsed;
        try
        {
            parsed = token.Length <= MaxTokenLength ? new JsonWebToken(token) : throw new SecurityTokenMalformedException("The token is too large.");
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return Refuse(new SecurityTokenMalformedException(ex.Message, ex));
        }

        if (parsed.IsEncrypted)
        {
            return Refuse(new SecurityTokenMalformedException("The token is encrypted (JWE); Connect access tokens are signed JWTs."));
        }

        if (!string.Equals(parsed.Alg, SecurityAlgorithms.RsaSha256, StringComparison.Ordinal))
        {
            return Refuse(new SecurityTokenInvalidAlgorithmException("The token is not signed with RS256."));
        }

        var result = await Inner.ValidateTokenAsync(parsed, validationParameters).ConfigureAwait(false);
        if (!result.IsValid && NamesUnknownKey(parsed, validationParameters)
            && await configuration.RefreshForUnknownKeyAsync(CancellationToken.None).ConfigureAwait(false) is { } refreshed)
        {
            var again = validationParameters.Clone();
            again.IssuerSigningKeys = refreshed.SigningKeys;
            result = await Inner.ValidateTokenAsync(parsed, again).ConfigureAwait(false);
        }

        if (!result.IsValid)
        {
            return Refuse(result.Exception);
        }

        SplitScopes(result.ClaimsIdentity);
        return result;
    }

    public override SecurityToken ReadToken(string token) => new JsonWebToken(token);

    private TokenValidationResult Refuse(Exception? exception)
    {
        logger.TokenRefused(Reason(exception), Describe(exception));
        return new TokenValidationResult { IsValid = false, Exception = new SecurityTokenValidationException(Describe(exception), exception) };
    }

    /// <summary>Whether the token names a <c>kid</c> none of the known keys has.</summary>
    private static bool NamesUnknownKey(JsonWebToken token, TokenValidationParameters parameters) =>
        !string.IsNullOrEmpty(token.Kid) && !(parameters.IssuerSigningKeys ?? []).Any(k => string.Equals(k.KeyId, token.Kid, StringComparison.Ordinal));

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
