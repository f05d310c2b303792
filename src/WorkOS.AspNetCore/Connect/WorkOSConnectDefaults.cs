namespace WorkOS.AspNetCore.Connect;

/// <summary>Names used by the WorkOS Connect bearer scheme.</summary>
public static class WorkOSConnectDefaults
{
    /// <summary>The default scheme name, <c>WorkOSConnect</c>.</summary>
    public const string AuthenticationScheme = "WorkOSConnect";

    /// <summary>The path of the RFC 9728 protected-resource metadata, <c>/.well-known/oauth-protected-resource</c>.</summary>
    public const string ProtectedResourceMetadataPath = "/.well-known/oauth-protected-resource";

    /// <summary>The claim type of a granted scope: one claim per scope of the token's space-separated <c>scope</c>.</summary>
    public const string ScopeClaimType = "scope";

    /// <summary>
    /// The prefix of scope policy names, <c>scope:</c>: an unregistered policy named <c>scope:posts:write</c> requires the
    /// Connect scope <c>posts:write</c> (several scopes, all required, separated by spaces), as
    /// <c>RequireWorkOSScope</c> does. Unprefixed names shaped like <c>posts:write</c> stay WorkOS permission policies.
    /// </summary>
    public const string ScopePolicyPrefix = "scope:";

    internal const string DisplayName = "WorkOS Connect";
}
