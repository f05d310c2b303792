namespace WorkOS.AspNetCore.Widgets;

/// <summary>Why no widget token was issued (<see cref="WorkOSWidgetTokenException.Failure"/>).</summary>
public enum WorkOSWidgetTokenFailure
{
    /// <summary>No WorkOS session is signed in on the request.</summary>
    NotSignedIn,

    /// <summary>The session is not in an organization; a widget token is always for one. Sign in to (or switch to) one first.</summary>
    NoOrganization,

    /// <summary>No scope was asked for, or one is not in <see cref="WorkOSWidgetScopes"/>. WorkOS was not called.</summary>
    InvalidScopes,

    /// <summary>WorkOS refused the request (a 4xx answer in its own error shape): trying again will not help.</summary>
    Refused,

    /// <summary>WorkOS could not be reached, timed out, failed (5xx, 429) or answered something unusable: it may work later.</summary>
    Unavailable,
}
