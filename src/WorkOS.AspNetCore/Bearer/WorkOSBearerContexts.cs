using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace WorkOS.AspNetCore.Bearer;

/// <summary>The context of <see cref="WorkOSBearerEvents.OnMessageReceived"/>.</summary>
/// <param name="context">The request.</param>
/// <param name="scheme">The scheme.</param>
/// <param name="options">The scheme's options.</param>
public class WorkOSBearerMessageReceivedContext(HttpContext context, AuthenticationScheme scheme, WorkOSBearerOptions options)
    : ResultContext<WorkOSBearerOptions>(context, scheme, options)
{
    /// <summary>The token to verify. When left <see langword="null"/>, it is read from <c>Authorization: Bearer</c>.</summary>
    public string? Token { get; set; }
}

/// <summary>The context of <see cref="WorkOSBearerEvents.OnTokenValidated"/>; <see cref="ResultContext{TOptions}.Principal"/> is set.</summary>
/// <param name="context">The request.</param>
/// <param name="scheme">The scheme.</param>
/// <param name="options">The scheme's options.</param>
/// <param name="accessToken">The verified access token.</param>
public class WorkOSBearerTokenValidatedContext(HttpContext context, AuthenticationScheme scheme, WorkOSBearerOptions options, string accessToken)
    : ResultContext<WorkOSBearerOptions>(context, scheme, options)
{
    /// <summary>The verified access token (compact JWT).</summary>
    public string AccessToken { get; } = accessToken;
}

/// <summary>The context of <see cref="WorkOSBearerEvents.OnAuthenticationFailed"/>.</summary>
/// <param name="context">The request.</param>
/// <param name="scheme">The scheme.</param>
/// <param name="options">The scheme's options.</param>
/// <param name="exception">Why the token was refused.</param>
public class WorkOSBearerAuthenticationFailedContext(HttpContext context, AuthenticationScheme scheme, WorkOSBearerOptions options, Exception exception)
    : ResultContext<WorkOSBearerOptions>(context, scheme, options)
{
    /// <summary>
    /// Why the token was refused: a <c>Microsoft.IdentityModel.Tokens</c> exception such as
    /// <c>SecurityTokenExpiredException</c>, <c>SecurityTokenNotYetValidException</c>,
    /// <c>SecurityTokenInvalidSignatureException</c>, <c>SecurityTokenSignatureKeyNotFoundException</c>,
    /// <c>SecurityTokenInvalidIssuerException</c>, <c>SecurityTokenInvalidAlgorithmException</c> or
    /// <c>SecurityTokenMalformedException</c>; or the network error when the signing keys could not be fetched.
    /// </summary>
    public Exception Exception { get; } = exception;
}

/// <summary>The context of <see cref="WorkOSBearerEvents.OnChallenge"/>.</summary>
/// <param name="context">The request.</param>
/// <param name="scheme">The scheme.</param>
/// <param name="options">The scheme's options.</param>
/// <param name="properties">The challenge's properties.</param>
public class WorkOSBearerChallengeContext(HttpContext context, AuthenticationScheme scheme, WorkOSBearerOptions options, AuthenticationProperties properties)
    : PropertiesContext<WorkOSBearerOptions>(context, scheme, options, properties)
{
    /// <summary>Why authentication failed, when a token was presented and refused.</summary>
    public Exception? AuthenticateFailure { get; set; }

    /// <summary>The status to answer with: 401, or 503 when the signing keys could not be fetched.</summary>
    public int StatusCode { get; set; } = StatusCodes.Status401Unauthorized;

    /// <summary>The RFC 6750 <c>error</c> (<c>invalid_token</c>), or <see langword="null"/> when no token was presented.</summary>
    public string? Error { get; set; }

    /// <summary>The RFC 6750 <c>error_description</c>: a short, human-readable reason.</summary>
    public string? ErrorDescription { get; set; }

    /// <summary>Whether an event wrote the response itself, so the scheme writes nothing.</summary>
    public bool Handled { get; private set; }

    /// <summary>Skips the scheme's own response: the event wrote one.</summary>
    public void HandleResponse() => Handled = true;
}
