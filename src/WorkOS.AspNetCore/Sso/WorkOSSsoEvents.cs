using Microsoft.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.Sso;

/// <summary>Events raised by the WorkOS SSO scheme; assign delegates or subclass, as with <c>OpenIdConnectEvents</c>.</summary>
public class WorkOSSsoEvents : RemoteAuthenticationEvents
{
    /// <summary>
    /// Invoked on each challenge before the selector is checked; may set one (for example from the email domain the user
    /// typed, found in the challenge's properties or the request).
    /// </summary>
    public Func<SsoSelectorContext, Task> OnResolveSelector { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invoked before the browser is redirected to <c>/sso/authorize</c>; may change the parameters or handle the response.</summary>
    public Func<SsoRedirectContext, Task> OnRedirectToAuthorize { get; set; } = _ => Task.CompletedTask;

    /// <summary>
    /// Invoked once the profile arrived and its principal was built: link it to the app's own user, add claims, or
    /// refuse the sign-in (<see cref="SsoProfileReceivedContext.Reject"/>).
    /// </summary>
    public Func<SsoProfileReceivedContext, Task> OnProfileReceived { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invoked on each challenge to choose the selector.</summary>
    public virtual Task ResolveSelector(SsoSelectorContext context) => OnResolveSelector(context);

    /// <summary>Invoked before the browser is redirected to WorkOS.</summary>
    public virtual Task RedirectToAuthorize(SsoRedirectContext context) => OnRedirectToAuthorize(context);

    /// <summary>Invoked once the profile arrived.</summary>
    public virtual Task ProfileReceived(SsoProfileReceivedContext context) => OnProfileReceived(context);
}
