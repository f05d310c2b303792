using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using WorkOS.AspNetCore.Diagnostics;

namespace WorkOS.AspNetCore.Tokens;

/// <summary>
/// Hands out one <see cref="AccessTokenValidator"/> per JWKS URL, so keys are cached once per WorkOS client, whichever
/// scheme (session cookie, bearer) asks.
/// </summary>
internal sealed class AccessTokenValidators(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<AccessTokenValidator> logger,
    WorkOSMetrics? metrics = null)
{
    private readonly ConcurrentDictionary<string, AccessTokenValidator> _validators = new(StringComparer.Ordinal);
    private readonly IDocumentRetriever _retriever = new HttpClientFactoryDocumentRetriever(httpClientFactory, timeProvider, metrics);

    /// <summary>
    /// The validator for a client's JWKS. The intervals apply when the validator is created; a later caller with the
    /// same URL shares the existing one.
    /// </summary>
    public AccessTokenValidator Get(string apiBaseUrl, string clientId, TimeSpan refreshInterval, TimeSpan automaticRefreshInterval) =>
        GetByUrl(JwksUrl(apiBaseUrl, clientId), refreshInterval, automaticRefreshInterval);

    /// <summary>The validator for a JWKS URL built with <see cref="JwksUrl"/>.</summary>
    public AccessTokenValidator GetByUrl(string jwksUrl, TimeSpan refreshInterval, TimeSpan automaticRefreshInterval) =>
        _validators.GetOrAdd(jwksUrl, url => new AccessTokenValidator(url, _retriever, timeProvider, refreshInterval, automaticRefreshInterval, logger));

    /// <summary>Where WorkOS publishes a client's signing keys.</summary>
    public static string JwksUrl(string apiBaseUrl, string clientId) =>
        $"{apiBaseUrl.TrimEnd('/')}/sso/jwks/{Uri.EscapeDataString(clientId)}";
}
