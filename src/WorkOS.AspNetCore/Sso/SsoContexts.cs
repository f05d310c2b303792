using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace WorkOS.AspNetCore.Sso;

/// <summary>The challenge whose selector is being chosen: set one of <see cref="ConnectionId"/>, <see cref="OrganizationId"/>, <see cref="Provider"/>.</summary>
public sealed class SsoSelectorContext : PropertiesContext<WorkOSSsoOptions>
{
    /// <summary>Creates the context (raised by the library).</summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="options">The scheme's options.</param>
    /// <param name="properties">The challenge's properties.</param>
    public SsoSelectorContext(HttpContext context, AuthenticationScheme scheme, WorkOSSsoOptions options, AuthenticationProperties properties)
        : base(context, scheme, options, properties)
    {
    }

    /// <summary>The connection to sign in through.</summary>
    public string? ConnectionId
    {
        get => Properties.GetParameter<string>(WorkOSSsoChallengeProperties.ConnectionKey);
        set => Properties.SetParameter(WorkOSSsoChallengeProperties.ConnectionKey, value);
    }

    /// <summary>The organization whose connection to sign in through.</summary>
    public string? OrganizationId
    {
        get => Properties.GetParameter<string>(WorkOSSsoChallengeProperties.OrganizationKey);
        set => Properties.SetParameter(WorkOSSsoChallengeProperties.OrganizationKey, value);
    }

    /// <summary>The OAuth provider to sign in through.</summary>
    public string? Provider
    {
        get => Properties.GetParameter<string>(WorkOSSsoChallengeProperties.ProviderKey);
        set => Properties.SetParameter(WorkOSSsoChallengeProperties.ProviderKey, value);
    }
}

/// <summary>The redirect to <c>/sso/authorize</c> about to be sent; <see cref="Parameters"/> may be changed (the state is added after).</summary>
public sealed class SsoRedirectContext : PropertiesContext<WorkOSSsoOptions>
{
    /// <summary>Creates the context (raised by the library).</summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="options">The scheme's options.</param>
    /// <param name="properties">The challenge's properties.</param>
    /// <param name="parameters">The query parameters of the authorize URL.</param>
    public SsoRedirectContext(HttpContext context, AuthenticationScheme scheme, WorkOSSsoOptions options, AuthenticationProperties properties,
        IDictionary<string, string> parameters)
        : base(context, scheme, options, properties) => Parameters = parameters;

    /// <summary>The query parameters of the authorize URL.</summary>
    public IDictionary<string, string> Parameters { get; }

    /// <summary>Whether the event wrote the response itself (no redirect is sent).</summary>
    public bool Handled { get; private set; }

    /// <summary>Stops the library from redirecting: the event answered the request.</summary>
    public void HandleResponse() => Handled = true;
}

/// <summary>
/// The profile of a completed SSO or Magic Link sign-in and the principal built from it, before it is signed in with
/// the cookie scheme. Add claims to <see cref="Principal"/>'s identity, replace it, or call <see cref="Reject"/>.
/// </summary>
public sealed class SsoProfileReceivedContext : PropertiesContext<WorkOSSsoOptions>
{
    /// <summary>Creates the context (raised by the library).</summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="options">The scheme's options.</param>
    /// <param name="properties">The sign-in's properties.</param>
    /// <param name="profile">The profile WorkOS returned.</param>
    /// <param name="principal">The principal built from it.</param>
    /// <param name="isMagicLink">Whether the sign-in came from a magic link.</param>
    public SsoProfileReceivedContext(HttpContext context, AuthenticationScheme scheme, WorkOSSsoOptions options, AuthenticationProperties properties,
        WorkOSSsoProfile profile, ClaimsPrincipal principal, bool isMagicLink)
        : base(context, scheme, options, properties)
    {
        Profile = profile;
        Principal = principal;
        IsMagicLink = isMagicLink;
    }

    /// <summary>The profile WorkOS returned.</summary>
    public WorkOSSsoProfile Profile { get; }

    /// <summary>The principal that will be signed in.</summary>
    public ClaimsPrincipal Principal { get; set; }

    /// <summary>Whether the sign-in came from a magic link rather than an SSO connection.</summary>
    public bool IsMagicLink { get; }

    /// <summary>The reason given to <see cref="Reject"/>, when called.</summary>
    public string? RejectionReason { get; private set; }

    /// <summary>Refuses the sign-in: the browser gets a 403 page (or <see cref="WorkOSSsoOptions.ErrorPath"/>) with <c>profile_rejected</c>.</summary>
    /// <param name="reason">What the user is told.</param>
    public void Reject(string reason = "This account may not sign in to this application.") => RejectionReason = reason;
}
