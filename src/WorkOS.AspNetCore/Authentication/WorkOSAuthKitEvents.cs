using Microsoft.AspNetCore.Authentication;

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

    /// <summary>Invoked before the browser is redirected to AuthKit.</summary>
    public virtual Task RedirectToAuthorize(AuthorizeRedirectContext context) => OnRedirectToAuthorize(context);

    /// <summary>Invoked after the code exchange succeeded.</summary>
    public virtual Task TokenResponseReceived(TokenResponseReceivedContext context) => OnTokenResponseReceived(context);
}
