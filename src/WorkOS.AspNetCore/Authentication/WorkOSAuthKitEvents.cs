using Microsoft.AspNetCore.Authentication;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// Events raised by the WorkOS AuthKit scheme. Assign a delegate or subclass and override a method,
/// as with ASP.NET Core's <c>OpenIdConnectEvents</c>.
/// </summary>
public class WorkOSAuthKitEvents : RemoteAuthenticationEvents
{
    /// <summary>Invoked before the browser is redirected to AuthKit; may change the authorize parameters or handle the response.</summary>
    public Func<AuthorizeRedirectContext, Task> OnRedirectToAuthorize { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invoked after the code exchange succeeded and before the access token is verified.</summary>
    public Func<TokenResponseReceivedContext, Task> OnTokenResponseReceived { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invoked before a session's access token is refreshed (once per refresh, however many requests wait for it).</summary>
    public Func<SessionRefreshingContext, Task> OnSessionRefreshing { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invoked after a session's access token was refreshed and verified.</summary>
    public Func<SessionRefreshedContext, Task> OnSessionRefreshed { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invoked when a refresh failed; says whether the failure is transient (the user stays signed in while the token is valid).</summary>
    public Func<SessionRefreshFailedContext, Task> OnSessionRefreshFailed { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invoked before a session's access token is refreshed.</summary>
    public virtual Task SessionRefreshing(SessionRefreshingContext context) => OnSessionRefreshing(context);

    /// <summary>Invoked after a session's access token was refreshed.</summary>
    public virtual Task SessionRefreshed(SessionRefreshedContext context) => OnSessionRefreshed(context);

    /// <summary>Invoked when a refresh failed.</summary>
    public virtual Task SessionRefreshFailed(SessionRefreshFailedContext context) => OnSessionRefreshFailed(context);

    /// <summary>Invoked before the browser is redirected to AuthKit.</summary>
    public virtual Task RedirectToAuthorize(AuthorizeRedirectContext context) => OnRedirectToAuthorize(context);

    /// <summary>Invoked after the code exchange succeeded.</summary>
    public virtual Task TokenResponseReceived(TokenResponseReceivedContext context) => OnTokenResponseReceived(context);
}
