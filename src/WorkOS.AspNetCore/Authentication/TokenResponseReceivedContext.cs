using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Api;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>The context of <see cref="WorkOSAuthKitEvents.TokenResponseReceived"/>.</summary>
public sealed class TokenResponseReceivedContext : RemoteAuthenticationContext<WorkOSAuthKitOptions>
{
    /// <summary>Creates the context.</summary>
    public TokenResponseReceivedContext(HttpContext context, AuthenticationScheme scheme, WorkOSAuthKitOptions options,
        ClaimsPrincipal? principal, AuthenticationProperties properties, WorkOSAuthenticationResponse tokenResponse)
        : base(context, scheme, options, properties)
    {
        Principal = principal;
        TokenResponse = tokenResponse;
    }

    /// <summary>What WorkOS returned from the code exchange (tokens, user, organization, impersonator).</summary>
    public WorkOSAuthenticationResponse TokenResponse { get; }
}
