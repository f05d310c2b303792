using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Api;

namespace WorkOS.AspNetCore.ApiKeys;

/// <summary>The events of the WorkOS API key scheme: set the delegates, or subclass and override the methods.</summary>
public class WorkOSApiKeyEvents
{
    /// <summary>
    /// Raised after WorkOS accepted the key (or a cached answer said so) and the principal was built; add claims,
    /// replace the principal, or reject the key.
    /// </summary>
    public Func<WorkOSApiKeyValidatedContext, Task> OnKeyValidated { get; set; } = _ => Task.CompletedTask;

    /// <summary>
    /// Raised before the scheme answers a challenge (401, or 503 when WorkOS could not be reached). Change the error,
    /// or write your own response and call <see cref="WorkOSApiKeyChallengeContext.HandleResponse"/>.
    /// </summary>
    public Func<WorkOSApiKeyChallengeContext, Task> OnChallenge { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invokes <see cref="OnKeyValidated"/>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>A task.</returns>
    public virtual Task KeyValidated(WorkOSApiKeyValidatedContext context) => OnKeyValidated(context);

    /// <summary>Invokes <see cref="OnChallenge"/>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>A task.</returns>
    public virtual Task Challenge(WorkOSApiKeyChallengeContext context) => OnChallenge(context);
}

/// <summary>The context of <see cref="WorkOSApiKeyEvents.OnKeyValidated"/>; <see cref="ResultContext{TOptions}.Principal"/> is set.</summary>
/// <param name="context">The request.</param>
/// <param name="scheme">The scheme.</param>
/// <param name="options">The scheme's options.</param>
/// <param name="apiKey">The key as WorkOS describes it (never its secret value).</param>
public class WorkOSApiKeyValidatedContext(HttpContext context, AuthenticationScheme scheme, WorkOSApiKeyOptions options, WorkOSApiKey apiKey)
    : ResultContext<WorkOSApiKeyOptions>(context, scheme, options)
{
    /// <summary>The key as WorkOS describes it: id, owner, name, obfuscated value, permissions, expiry.</summary>
    public WorkOSApiKey ApiKey { get; } = apiKey;
}

/// <summary>The context of <see cref="WorkOSApiKeyEvents.OnChallenge"/>.</summary>
/// <param name="context">The request.</param>
/// <param name="scheme">The scheme.</param>
/// <param name="options">The scheme's options.</param>
/// <param name="properties">The challenge's properties.</param>
public class WorkOSApiKeyChallengeContext(HttpContext context, AuthenticationScheme scheme, WorkOSApiKeyOptions options, AuthenticationProperties properties)
    : PropertiesContext<WorkOSApiKeyOptions>(context, scheme, options, properties)
{
    /// <summary>Why authentication failed, when a key was presented and refused.</summary>
    public Exception? AuthenticateFailure { get; set; }

    /// <summary>The status to answer with: 401, or 503 when WorkOS could not be reached to check the key.</summary>
    public int StatusCode { get; set; } = StatusCodes.Status401Unauthorized;

    /// <summary>The RFC 6750 <c>error</c>, or <see langword="null"/> when no key was presented.</summary>
    public string? Error { get; set; }

    /// <summary>The RFC 6750 <c>error_description</c>: a short, human-readable reason.</summary>
    public string? ErrorDescription { get; set; }

    /// <summary>Whether an event wrote the response itself, so the scheme writes nothing.</summary>
    public bool Handled { get; private set; }

    /// <summary>Skips the scheme's own response: the event wrote one.</summary>
    public void HandleResponse() => Handled = true;
}
