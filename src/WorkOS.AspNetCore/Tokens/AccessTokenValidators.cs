using System.Collections.Concurrent;
using Microsoft.IdentityModel.Protocols;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.Tokens;

/// <summary>Hands out one <see cref="AccessTokenValidator"/> per JWKS URL, so keys are cached once per WorkOS client.</summary>
internal sealed class AccessTokenValidators(IHttpClientFactory httpClientFactory, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, AccessTokenValidator> _validators = new(StringComparer.Ordinal);
    private readonly IDocumentRetriever _retriever = new HttpClientFactoryDocumentRetriever(httpClientFactory);

    public AccessTokenValidator Get(WorkOSAuthKitOptions options)
    {
        var jwksUrl = $"{options.ApiBaseUrl.TrimEnd('/')}/sso/jwks/{Uri.EscapeDataString(options.ClientId)}";
        return _validators.GetOrAdd(jwksUrl, url => new AccessTokenValidator(url, _retriever, timeProvider,
            options.JwksRefreshInterval, options.JwksAutomaticRefreshInterval));
    }
}
