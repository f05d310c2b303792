namespace WorkOS.AspNetCore.Components;

/// <summary>How Blazor Server circuits keep a WorkOS session current.</summary>
public sealed class WorkOSBlazorServerOptions
{
    /// <summary>
    /// How often an open circuit checks its session: refreshes the access token when it is within the refresh buffer,
    /// picks up role, permission, entitlement and organization changes, and turns anonymous when the WorkOS session
    /// has ended. Defaults to 1 minute; at most the access-token lifetime is sensible.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the browser's cookie, which still holds the refresh token the circuit started with, is mapped to the
    /// session the circuit refreshed into. A page reload within this time continues the session. Defaults to 12 hours.
    /// </summary>
    public TimeSpan CircuitSessionRetention { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The AuthKit scheme whose sessions circuits refresh. Defaults to <see cref="WorkOSAuthKitDefaults.AuthenticationScheme"/>.</summary>
    public string AuthenticationScheme { get; set; } = WorkOSAuthKitDefaults.AuthenticationScheme;
}
