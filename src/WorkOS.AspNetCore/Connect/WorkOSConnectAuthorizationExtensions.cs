using WorkOS.AspNetCore.Connect;

namespace Microsoft.AspNetCore.Authorization;

/// <summary>WorkOS Connect scope requirements for <see cref="AuthorizationPolicyBuilder"/>.</summary>
public static class WorkOSConnectAuthorizationExtensions
{
    /// <summary>
    /// Requires every one of the scopes granted to a WorkOS Connect token. A token without them gets 403 with
    /// <c>WWW-Authenticate: Bearer error="insufficient_scope", scope="..."</c>.
    /// </summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="scopes">The scopes, for example <c>posts:write</c>.</param>
    /// <returns>The builder.</returns>
    public static AuthorizationPolicyBuilder RequireWorkOSScope(this AuthorizationPolicyBuilder builder, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddRequirements(new WorkOSScopeRequirement(scopes));
    }
}
