using System.Text.RegularExpressions;
using WorkOS.AspNetCore.Fga;

namespace WorkOS.AspNetCore.Authorization;

/// <summary>
/// Options of WorkOS authorization: which policy names are permissions, and how fine-grained checks call WorkOS.
/// Configure with <c>services.AddWorkOSAuthorization(options => ...)</c> or
/// <c>services.Configure&lt;WorkOSAuthorizationOptions&gt;(...)</c>.
/// </summary>
public sealed partial class WorkOSAuthorizationOptions
{
    /// <summary>
    /// Policy names that match this pattern and that no <c>AddPolicy</c> call defines become "requires this WorkOS
    /// permission" policies, so <c>[Authorize(Policy = "posts:write")]</c> works with no registration. The default
    /// accepts the <c>resource:action</c> shape WorkOS permission slugs use (<c>^[a-z0-9_.-]+:[a-z0-9_.*-]+$</c>).
    /// <see langword="null"/> turns the convention off. Read once, when the policy provider is created.
    /// </summary>
    public Regex? PermissionPolicyPattern { get; set; } = DefaultPermissionPattern();

    /// <summary>
    /// No longer read: fine-grained checks call WorkOS with the app's client settings
    /// (<see cref="WorkOSClientOptions"/>: the <c>WorkOS</c> section, the <c>WORKOS_*</c> variables, or
    /// <c>services.Configure&lt;WorkOSClientOptions&gt;(...)</c>), with or without an AuthKit scheme and whatever it is
    /// named. With no API key there, checks fail closed with 503. Kept so existing code compiles.
    /// </summary>
    [Obsolete("Fine-grained checks use the client settings (WorkOSClientOptions: the WorkOS section or WORKOS_* variables); set the API key there.")]
    public string ApiOptionsScheme { get; set; } = WorkOSAuthKitDefaults.AuthenticationScheme;

    /// <summary>
    /// How long the organization membership of a user in an organization (the subject of fine-grained checks, which
    /// the access token does not carry) is remembered. Defaults to 5 minutes. A check that WorkOS answers with 404
    /// forgets it at once.
    /// </summary>
    public TimeSpan MembershipCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// No longer read: memberships live in the app's <c>HybridCache</c> (its in-memory tier only), which bounds memory as
    /// a whole; set <c>MemoryCacheOptions.SizeLimit</c> with <c>AddMemoryCache</c> and
    /// <c>HybridCacheOptions.MaximumPayloadBytes</c> with <c>AddHybridCache</c> instead. Kept so existing code compiles.
    /// </summary>
    [Obsolete("Memberships live in the app's HybridCache; bound its in-memory tier with MemoryCacheOptions.SizeLimit.")]
    public long MembershipCacheSize { get; set; } = 10_000;

    /// <summary>
    /// How long one WorkOS call of a fine-grained check (membership lookup or check) may take before the check fails
    /// closed with 503. Defaults to 5 seconds.
    /// </summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The events raised by fine-grained checks.</summary>
    public WorkOSAuthorizationEvents Events { get; set; } = new();

    [GeneratedRegex("^[a-z0-9_.-]+:[a-z0-9_.*-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DefaultPermissionPattern();
}
