using Microsoft.AspNetCore.Authorization;
using WorkOS.AspNetCore.Authorization;

namespace WorkOS.AspNetCore.Connect;

/// <summary>
/// Requires every one of the OAuth scopes granted to a WorkOS Connect token (for example <c>posts:write</c>). An
/// anonymous caller gets the challenge; a token without the scope gets 403 <c>insufficient_scope</c> naming it.
/// </summary>
/// <param name="scopes">The scopes.</param>
public sealed class RequireWorkOSScopeAttribute(params string[] scopes) : WorkOSAuthorizationAttribute
{
    /// <summary>The scopes.</summary>
    public IReadOnlyList<string> Scopes { get; } = Required(scopes, nameof(scopes));

    private protected override IAuthorizationRequirement CreateRequirement() => new WorkOSScopeRequirement(Scopes);
}

/// <summary>
/// Makes the Connect scheme check the token with the AuthKit domain's introspection endpoint on this endpoint, so a
/// revoked token is refused at once (see <see cref="WorkOSConnectOptions.RequireIntrospection"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class RequireWorkOSIntrospectionAttribute : Attribute;
