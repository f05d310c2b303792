namespace WorkOS.AspNetCore.Authentication;

/// <summary>How the session cookie (<c>wos-session</c>) is sealed.</summary>
public enum WorkOSSessionCookieFormat
{
    /// <summary>
    /// Sealed with ASP.NET Core Data Protection (the app's key ring) in a compact layout; a large session is split
    /// across cookies. The default.
    /// </summary>
    DataProtection,

    /// <summary>
    /// An iron seal (<c>Fe26.2</c>) of the session JSON under <see cref="WorkOSAuthKitOptions.CookiePassword"/>, as
    /// authkit-nextjs and <c>@workos-inc/node</c> seal it, so apps on those libraries and this one share one sign-in. One
    /// cookie, never split: a session over 4 KB is not written (the sign-in fails with <c>session_too_large</c>); no
    /// server-side session store.
    /// </summary>
    Iron,
}
