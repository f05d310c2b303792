namespace WorkOS.AspNetCore.Emulator;

public sealed partial class WorkOSEmulator
{
    /// <summary>
    /// Sets the authentication action's endpoint, as the WorkOS dashboard does (one per environment; a second call
    /// replaces it). From now on every hosted sign-in POSTs an <c>authentication_action_context</c> to it, signed in
    /// <c>WorkOS-Signature</c> with <paramref name="secret"/>, through <see cref="WorkOSEmulatorOptions.ActionHttpClient"/>,
    /// before a code is issued. A signed <c>Allow</c> lets the sign-in go on; a <c>Deny</c> stops it on the hosted page with
    /// the action's message; an answer that is late, not 200, or not validly signed denies, as WorkOS does by default.
    /// </summary>
    /// <param name="url">The absolute <c>http</c> or <c>https</c> URL.</param>
    /// <param name="secret">The Actions secret.</param>
    /// <exception cref="ArgumentException">The URL is not an absolute http or https URL, or the secret is empty.</exception>
    public void SetAuthenticationAction(string url, string secret)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(secret);
        _core.Actions.SetAuthentication(url, secret);
    }

    /// <summary>
    /// Sets the user registration action's endpoint, as the WorkOS dashboard does (one per environment; a second call
    /// replaces it). From now on every sign-up on the hosted page (<c>screen_hint=sign-up</c>) POSTs a
    /// <c>user_registration_action_context</c> to it, signed in <c>WorkOS-Signature</c> with <paramref name="secret"/>,
    /// before the user is created. A signed <c>Allow</c> creates the user and the sign-in goes on; a <c>Deny</c> stops the
    /// sign-up on the hosted page with the action's message and creates no user; an answer that is late, not 200, or not
    /// validly signed denies, as WorkOS does by default.
    /// </summary>
    /// <param name="url">The absolute <c>http</c> or <c>https</c> URL.</param>
    /// <param name="secret">The Actions secret.</param>
    /// <exception cref="ArgumentException">The URL is not an absolute http or https URL, or the secret is empty.</exception>
    public void SetUserRegistrationAction(string url, string secret)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(secret);
        _core.Actions.SetUserRegistration(url, secret);
    }

    /// <summary>A snapshot of every call made to an action endpoint so far, oldest first, with what came of it.</summary>
    public IReadOnlyList<EmulatorActionCall> ActionCalls => _core.Actions.Snapshot();
}
