using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Fga;

namespace WorkOS.AspNetCore.Authorization;

/// <summary>
/// Wraps the app's policy provider (the default one, unless the app registered its own before): policies the app
/// registered come from it as before, and unregistered names shaped like a permission (<c>posts:write</c>) become
/// "requires this WorkOS permission" policies. Each such policy is built once and the same instance returned after,
/// so ASP.NET's per-endpoint policy cache keeps working.
/// </summary>
internal sealed class WorkOSAuthorizationPolicyProvider : IAuthorizationPolicyProvider
{
    /// <summary>Permission policies remembered at most; names past this (only ever from code that builds names at run time) are built each time.</summary>
    internal const int MaxCachedPolicies = 1024;

    private readonly IAuthorizationPolicyProvider _inner;
    private readonly Regex? _pattern;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Task<AuthorizationPolicy?>> _permissionPolicies = new(StringComparer.Ordinal);

    public WorkOSAuthorizationPolicyProvider(IAuthorizationPolicyProvider inner, IOptions<WorkOSAuthorizationOptions> options,
        ILogger<WorkOSAuthorizationPolicyProvider> logger)
    {
        _inner = inner;
        _pattern = options.Value.PermissionPolicyPattern;
        _logger = logger;
    }

    public bool AllowsCachingPolicies => _inner.AllowsCachingPolicies;

    internal IAuthorizationPolicyProvider Inner => _inner;

    public Task<AuthorizationPolicy> GetDefaultPolicyAsync() => _inner.GetDefaultPolicyAsync();

    public Task<AuthorizationPolicy?> GetFallbackPolicyAsync() => _inner.GetFallbackPolicyAsync();

    public Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        // Fast path: a permission policy already built (the app registers none by that name, or it would have come first).
        if (_permissionPolicies.TryGetValue(policyName, out var cached))
        {
            return cached;
        }

        var registered = _inner.GetPolicyAsync(policyName);
        return registered.IsCompletedSuccessfully
            ? registered.Result is null ? PermissionPolicy(policyName) ?? registered : registered
            : AwaitRegisteredAsync(registered, policyName);
    }

    private async Task<AuthorizationPolicy?> AwaitRegisteredAsync(Task<AuthorizationPolicy?> registered, string policyName) =>
        await registered.ConfigureAwait(false) ?? await (PermissionPolicy(policyName) ?? Task.FromResult<AuthorizationPolicy?>(null)).ConfigureAwait(false);

    private Task<AuthorizationPolicy?>? PermissionPolicy(string policyName)
    {
        if (_pattern is null || string.IsNullOrEmpty(policyName) || !_pattern.IsMatch(policyName))
        {
            return null;
        }

        if (_permissionPolicies.Count >= MaxCachedPolicies)
        {
            return Task.FromResult<AuthorizationPolicy?>(Build(policyName));
        }

        return _permissionPolicies.GetOrAdd(policyName, static (name, self) =>
        {
            self._logger.PermissionPolicyCreated(name);
            return Task.FromResult<AuthorizationPolicy?>(Build(name));
        }, this);
    }

    private static AuthorizationPolicy Build(string permission) =>
        new AuthorizationPolicyBuilder().AddRequirements(new WorkOSClaimRequirement(WorkOSClaimTypes.Permission, "Permission", [permission], requireAll: true)).Build();
}
