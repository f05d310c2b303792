using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore;
using WorkOS.AspNetCore.Session;

namespace Microsoft.AspNetCore.Http;

/// <summary>WorkOS session operations on the current request.</summary>
public static class WorkOSHttpContextExtensions
{
    /// <summary>
    /// Returns a valid access token of the signed-in WorkOS session for calls to downstream APIs: refreshed first
    /// when it is within the refresh buffer of expiry. <see langword="null"/> when no one is signed in.
    /// </summary>
    /// <param name="context">The current request.</param>
    /// <param name="authenticationScheme">The AuthKit scheme. Defaults to <see cref="WorkOSAuthKitDefaults.AuthenticationScheme"/>.</param>
    /// <returns>The access token, or <see langword="null"/>.</returns>
    public static Task<string?> GetWorkOSAccessTokenAsync(this HttpContext context, string authenticationScheme = WorkOSAuthKitDefaults.AuthenticationScheme)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetRequiredService<SessionOperations>().GetAccessTokenAsync(context, authenticationScheme);
    }

    /// <summary>
    /// Switches the signed-in session to another organization (a refresh with <c>organization_id</c>). On success the
    /// cookie is re-issued and <see cref="HttpContext.User"/> carries the new organization's role, permissions and
    /// entitlements. When the organization needs a new sign-in (SSO, MFA), the result says so: challenge with its id.
    /// </summary>
    /// <param name="context">The current request.</param>
    /// <param name="organizationId">The organization to switch to (<c>org_...</c>).</param>
    /// <param name="authenticationScheme">The AuthKit scheme. Defaults to <see cref="WorkOSAuthKitDefaults.AuthenticationScheme"/>.</param>
    /// <returns>What happened.</returns>
    public static Task<OrganizationSwitchResult> SwitchOrganizationAsync(this HttpContext context, string organizationId,
        string authenticationScheme = WorkOSAuthKitDefaults.AuthenticationScheme)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(organizationId);
        return context.RequestServices.GetRequiredService<SessionOperations>().SwitchOrganizationAsync(context, authenticationScheme, organizationId);
    }
}
