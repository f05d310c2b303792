namespace WorkOS.AspNetCore.Components;

/// <summary>How Blazor Server circuits keep a WorkOS session current.</summary>
public sealed class WorkOSBlazorServerOptions
{
    /// <summary>
    /// How often an open circuit checks its session: refreshes the access token when it is within the refresh buffer,
    /// picks up role, permission, entitlement and organization changes, and turns anonymous when the WorkOS session
    /// has ended. Defaults to 1 minute; at most the access-token lifetime is sensible.
    /// </summary>
    /// <remarks>
    /// A circuit cannot set cookies, so once it has refreshed, the browser's cookie still holds the refresh token the
    /// circuit started with. Each check also renews, for twice this interval plus 30 seconds, the link that lets a
    /// page load with that cookie continue as the circuit's current session. The link is removed when the last circuit
    /// opened with that cookie closes, or when the circuit's session ends; a circuit lost without closing stops renewing
    /// it, so it lapses within that time. After that the old cookie is a spent refresh token: WorkOS refuses it and the
    /// user is signed out.
    /// </remarks>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The AuthKit scheme whose sessions circuits refresh. Defaults to <see cref="WorkOSAuthKitDefaults.AuthenticationScheme"/>.</summary>
    public string AuthenticationScheme { get; set; } = WorkOSAuthKitDefaults.AuthenticationScheme;

    /// <summary>
    /// How long one renewal keeps the browser's older cookie continuing as the circuit's session: twice
    /// <see cref="RevalidationInterval"/> plus 30 seconds, so one late or slow check does not break a reload.
    /// </summary>
    internal TimeSpan CookieContinuationLifetime => 2 * RevalidationInterval + TimeSpan.FromSeconds(30);
}
