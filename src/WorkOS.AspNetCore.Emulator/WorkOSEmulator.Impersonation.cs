namespace WorkOS.AspNetCore.Emulator;

public sealed partial class WorkOSEmulator
{
    /// <summary>
    /// Acts as a WorkOS dashboard user starting an impersonation: the next sign-in (whoever starts it, with no page
    /// shown) signs in as <paramref name="userIdOrEmail"/>, the authenticate response carries the impersonator and
    /// <c>authentication_method</c> <c>Impersonation</c>, and the access tokens carry <c>act.sub</c>. Send the browser
    /// to the app's sign-in endpoint (its initiate login URI) afterwards, as WorkOS does.
    /// </summary>
    /// <param name="userIdOrEmail">The user to impersonate.</param>
    /// <param name="impersonatorEmail">The dashboard user's email.</param>
    /// <param name="reason">The reason the dashboard user gave.</param>
    /// <exception cref="ArgumentException">The user is unknown.</exception>
    public void ImpersonateOnNextSignIn(string userIdOrEmail, string impersonatorEmail, string? reason = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userIdOrEmail);
        ArgumentException.ThrowIfNullOrWhiteSpace(impersonatorEmail);
        _core.Store.PrepareImpersonation(userIdOrEmail, impersonatorEmail, reason);
    }
}
