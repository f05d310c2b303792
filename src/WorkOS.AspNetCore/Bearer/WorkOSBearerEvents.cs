namespace WorkOS.AspNetCore.Bearer;

/// <summary>
/// The events of the WorkOS bearer scheme, in the style of <c>JwtBearerEvents</c>: set the delegates, or subclass and
/// override the methods.
/// </summary>
public class WorkOSBearerEvents
{
    /// <summary>
    /// Raised first, before the <c>Authorization</c> header is read. Set <see cref="WorkOSBearerMessageReceivedContext.Token"/>
    /// to take the token from elsewhere (a query string for WebSockets, say), or decide the result.
    /// </summary>
    public Func<WorkOSBearerMessageReceivedContext, Task> OnMessageReceived { get; set; } = _ => Task.CompletedTask;

    /// <summary>Raised after the token verified and the principal was built; add claims, replace the principal, or reject it.</summary>
    public Func<WorkOSBearerTokenValidatedContext, Task> OnTokenValidated { get; set; } = _ => Task.CompletedTask;

    /// <summary>Raised when a token was refused; the exception says why (for example <c>SecurityTokenExpiredException</c>).</summary>
    public Func<WorkOSBearerAuthenticationFailedContext, Task> OnAuthenticationFailed { get; set; } = _ => Task.CompletedTask;

    /// <summary>
    /// Raised before the scheme answers a challenge (401, or 503 when the signing keys could not be fetched). Change the
    /// error, or write your own response and call <see cref="WorkOSBearerChallengeContext.HandleResponse"/>.
    /// </summary>
    public Func<WorkOSBearerChallengeContext, Task> OnChallenge { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invokes <see cref="OnMessageReceived"/>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>A task.</returns>
    public virtual Task MessageReceived(WorkOSBearerMessageReceivedContext context) => OnMessageReceived(context);

    /// <summary>Invokes <see cref="OnTokenValidated"/>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>A task.</returns>
    public virtual Task TokenValidated(WorkOSBearerTokenValidatedContext context) => OnTokenValidated(context);

    /// <summary>Invokes <see cref="OnAuthenticationFailed"/>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>A task.</returns>
    public virtual Task AuthenticationFailed(WorkOSBearerAuthenticationFailedContext context) => OnAuthenticationFailed(context);

    /// <summary>Invokes <see cref="OnChallenge"/>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>A task.</returns>
    public virtual Task Challenge(WorkOSBearerChallengeContext context) => OnChallenge(context);
}
