using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>The context of <see cref="WorkOSAuthKitEvents.RedirectToAuthorize"/>.</summary>
public sealed class AuthorizeRedirectContext : PropertiesContext<WorkOSAuthKitOptions>
{
    /// <summary>Creates the context.</summary>
    public AuthorizeRedirectContext(HttpContext context, AuthenticationScheme scheme, WorkOSAuthKitOptions options,
        AuthenticationProperties properties, IDictionary<string, string> parameters)
        : base(context, scheme, options, properties)
    {
        Parameters = parameters;
    }

    /// <summary>
    /// The query parameters of the authorize request (client_id, redirect_uri, provider, state, code_challenge, ...).
    /// Add, change or remove entries; <c>state</c> and the PKCE parameters should be left alone.
    /// </summary>
    public IDictionary<string, string> Parameters { get; }

    /// <summary>Whether the handler should skip its redirect because the event wrote the response.</summary>
    public bool Handled { get; private set; }

    /// <summary>Tells the handler the event wrote the response itself.</summary>
    public void HandleResponse() => Handled = true;
}
