using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace WorkOS.AspNetCore.Tokens;

/// <summary>
/// Verifies WorkOS access tokens: RS256 only, signed by a key of the client's JWKS (cached, fetched again for an
/// unknown <c>kid</c> at most once per refresh interval), within its lifetime, and from an accepted issuer when
/// issuers are configured. One instance per JWKS URL.
/// </summary>
internal sealed class AccessTokenValidator
{
    /// <summary>Tokens larger than this are refused before any parsing (WorkOS tokens are a few KB).</summary>
    internal const int MaxTokenLength = 16 * 1024;

    private static readonly JsonWebTokenHandler Handler = new() { MaximumTokenSizeInBytes = MaxTokenLength };
    private readonly ConfigurationManager<JsonWebKeySet> _keys;
    private readonly TimeProvider _timeProvider;

    public AccessTokenValidator(string jwksUrl, IDocumentRetriever documentRetriever, TimeProvider timeProvider,
        TimeSpan refreshInterval, TimeSpan automaticRefreshInterval)
    {
        _timeProvider = timeProvider;
        _keys = new ConfigurationManager<JsonWebKeySet>(jwksUrl, JsonWebKeySetRetriever.Instance, documentRetriever)
        {
            RefreshInterval = refreshInterval,
            AutomaticRefreshInterval = automaticRefreshInterval,
        };
    }

    public async Task<AccessTokenValidationResult> ValidateAsync(string token, IReadOnlyCollection<string> validIssuers,
        TimeSpan clockSkew, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return AccessTokenValidationResult.Failure("The access token is empty or too large.");
        }

        JsonWebToken parsed;
        try
        {
            parsed = new JsonWebToken(token);
        }
        catch (ArgumentException ex)
        {
            return AccessTokenValidationResult.Failure("The access token is not a well-formed JWT.", ex);
        }

        if (parsed.Alg != SecurityAlgorithms.RsaSha256)
        {
            return AccessTokenValidationResult.Failure($"The access token is signed with '{parsed.Alg}', not RS256.");
        }

        JsonWebKeySet keySet;
        try
        {
            keySet = await _keys.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(parsed.Kid) && !keySet.Keys.Any(k => k.Kid == parsed.Kid))
            {
                // A key we have not seen: WorkOS may have rotated. Ask again, throttled by RefreshInterval.
                _keys.RequestRefresh();
                keySet = await _keys.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException)
        {
            return AccessTokenValidationResult.Failure("The WorkOS signing keys could not be fetched.", ex);
        }

        var parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = keySet.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateAudience = false,
            ValidateIssuer = validIssuers.Count > 0,
            ValidIssuers = validIssuers,
            ValidateLifetime = false, // checked below against the injected TimeProvider
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = false,
        };

        var result = await Handler.ValidateTokenAsync(parsed, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            var reason = result.Exception switch
            {
                SecurityTokenSignatureKeyNotFoundException => "The access token is signed with a key WorkOS does not publish.",
                SecurityTokenInvalidSignatureException => "The access token signature is invalid.",
                SecurityTokenInvalidIssuerException => $"The access token issuer '{parsed.Issuer}' is not accepted.",
                _ => "The access token is invalid.",
            };
            return AccessTokenValidationResult.Failure(reason, result.Exception);
        }

        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (parsed.ValidTo == DateTime.MinValue || parsed.ValidTo + clockSkew <= now)
        {
            return AccessTokenValidationResult.Failure("The access token has expired.");
        }

        if (parsed.TryGetPayloadValue<long>("nbf", out _) && parsed.ValidFrom - clockSkew > now)
        {
            return AccessTokenValidationResult.Failure("The access token is not valid yet.");
        }

        return AccessTokenValidationResult.Success(parsed);
    }
}
