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
/// registered come from it as before, unregistered names shaped like a permission (<c>posts:write</c>) become
/// "requires this WorkOS permission" policies, and unregistered names of an <see cref="IPolicyNameConvention"/> (the
/// Connect scheme's <c>scope:posts:write</c>) the policies of that convention, which come first. Each such policy is
/// built once and the same instance returned after, so ASP.NET's per-endpoint policy cache keeps working.
/// </summary>
internal sealed class WorkOSAuthorizationPolicyProvider : IAuthorizationPolicyProvider
{
    /// <summary>Permission policies remembered at most; names past this (only ever from code that builds names at run time) are built each time.</summary>
    internal const int MaxCachedPolicies = 1024;

    private readonly IAuthorizationPolicyProvider _inner;
    private readonly Regex? _pattern;
    private readonly ILogger _logger;
    private readonly IPolicyNameConvention[] _conventions;
    private readonly ConcurrentDictionary<string, Task<AuthorizationPolicy?>> _permissionPolicies = new(StringComparer.Ordinal);

    public WorkOSAuthorizationPolicyProvider(IAuthorizationPolicyProvider inner, IOptions<WorkOSAuthorizationOptions> options,
        ILogger<WorkOSAuthorizationPolicyProvider> logger, IEnumerable<IPolicyNameConvention>? conventions = null)
    {
        _inner = inner;
        _conventions = [.. conventions ?? []];
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
        var convention = Convention(policyName);
        if (convention is null && (_pattern is null || string.IsNullOrEmpty(policyName) || !_pattern.IsMatch(policyName)))
        {
            return null;
        }

        if (_permissionPolicies.Count >= MaxCachedPolicies)
        {
            return Task.FromResult<AuthorizationPolicy?>(convention ?? Build(policyName));
        }

        return _permissionPolicies.GetOrAdd(policyName, static (name, state) =>
        {
            if (state.Convention is { } built)
            {
                return Task.FromResult<AuthorizationPolicy?>(built);
            }

            state.Self._logger.PermissionPolicyCreated(name);
            return Task.FromResult<AuthorizationPolicy?>(Build(name));
        }, (Self: this, Convention: convention));
    }

    private AuthorizationPolicy? Convention(string policyName)
    {
        foreach (var convention in _conventions)
        {
            if (convention.TryBuild(policyName) is { } policy)
            {
                return policy;
            }
        }

        return null;
    }

    private static AuthorizationPolicy Build(string permission) =>
        new AuthorizationPolicyBuilder().AddRequirements(new WorkOSClaimRequirement(WorkOSClaimTypes.Permission, "Permission", [permission], requireAll: true)).Build();
}
