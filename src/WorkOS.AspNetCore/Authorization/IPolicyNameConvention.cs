using Microsoft.AspNetCore.Authorization;

namespace WorkOS.AspNetCore.Authorization;

/// <summary>
/// A policy-name convention another part of the library adds to <see cref="WorkOSAuthorizationPolicyProvider"/> (the
/// Connect scheme's <c>scope:</c> names), so the provider builds those policies without depending on that part.
/// </summary>
internal interface IPolicyNameConvention
{
    /// <summary>The policy <paramref name="policyName"/> names under this convention, or <see langword="null"/> when it is not one of its names.</summary>
    AuthorizationPolicy? TryBuild(string policyName);
}
