namespace WorkOS.AspNetCore.Emulator;

public sealed partial class WorkOSEmulator
{
    /// <summary>
    /// Adds claims to every access token the emulator issues from now on at sign-in and refresh (replacing claims of the
    /// same name), for tests of how an app treats unusual tokens: a <c>client_id</c> or <c>aud</c> naming another client,
    /// a custom claim of a JWT template. Pass an empty dictionary to stop.
    /// </summary>
    /// <param name="claims">The claims; arrays become JSON arrays.</param>
    public void SetSessionTokenClaims(IDictionary<string, object> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        _core.Tokens.SessionClaims = new Dictionary<string, object>(claims, StringComparer.Ordinal);
    }
}
