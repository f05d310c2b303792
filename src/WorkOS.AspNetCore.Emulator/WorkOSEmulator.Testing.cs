namespace WorkOS.AspNetCore.Emulator;

public sealed partial class WorkOSEmulator
{
    private const string AuthenticatePath = "/user_management/authenticate";

    /// <summary>
    /// Ends every active session of a user, as if revoked from the WorkOS dashboard: their refresh tokens stop
    /// working, so apps sign the user out at the next refresh.
    /// </summary>
    /// <param name="userIdOrEmail">The user id or email address.</param>
    /// <returns>How many sessions were ended.</returns>
    /// <exception cref="ArgumentException">The user is unknown.</exception>
    public int RevokeUserSessions(string userIdOrEmail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userIdOrEmail);
        return _core.Store.EndSessionsOf(userIdOrEmail);
    }

    /// <summary>The number of refresh-token grants (<c>grant_type=refresh_token</c>) received so far.</summary>
    /// <returns>The count, including failed refreshes.</returns>
    public int CountRefreshes() => CountGrants("refresh_token");

    /// <summary>The number of code exchanges (<c>grant_type=authorization_code</c>) received so far.</summary>
    /// <returns>The count, including failed exchanges.</returns>
    public int CountCodeExchanges() => CountGrants("authorization_code");

    /// <summary>
    /// Replaces a user's own feature flags. Tokens show the change from their next refresh on; the feature-flag
    /// API shows it at once.
    /// </summary>
    /// <param name="userIdOrEmail">The user id or email address.</param>
    /// <param name="flags">The flag slugs.</param>
    /// <exception cref="ArgumentException">The user is unknown.</exception>
    public void SetUserFeatureFlags(string userIdOrEmail, params string[] flags)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userIdOrEmail);
        ArgumentNullException.ThrowIfNull(flags);
        _core.Store.SetUserFeatureFlags(userIdOrEmail, flags);
    }

    /// <summary>Replaces the feature flags enabled for an organization; tokens show them from their next refresh on.</summary>
    /// <param name="organizationId">The organization id.</param>
    /// <param name="flags">The flag slugs.</param>
    /// <exception cref="ArgumentException">The organization is unknown.</exception>
    public void SetOrganizationFeatureFlags(string organizationId, params string[] flags)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentNullException.ThrowIfNull(flags);
        _core.Store.SetOrganizationFeatureFlags(organizationId, flags);
    }

    /// <summary>Replaces the entitlements of an organization; tokens show them from their next refresh on.</summary>
    /// <param name="organizationId">The organization id.</param>
    /// <param name="entitlements">The entitlement slugs.</param>
    /// <exception cref="ArgumentException">The organization is unknown.</exception>
    public void SetOrganizationEntitlements(string organizationId, params string[] entitlements)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentNullException.ThrowIfNull(entitlements);
        _core.Store.SetOrganizationEntitlements(organizationId, entitlements);
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> code exchanges or refreshes of a user fail with a WorkOS authentication
    /// error, in the shape WorkOS sends it (<see cref="EmulatorAuthenticationError"/>), as when an organization starts
    /// requiring MFA or SSO. A failed code exchange spends the code; a failed refresh leaves the refresh token usable.
    /// </summary>
    /// <param name="userIdOrEmail">The user id or email address.</param>
    /// <param name="error">The error.</param>
    /// <param name="count">How many grants fail; -1 until <see cref="ClearAuthenticationErrors"/>.</param>
    /// <param name="refreshOnly">Whether only refreshes fail, so the user still signs in.</param>
    /// <exception cref="ArgumentException">The user is unknown.</exception>
    public void FailAuthentication(string userIdOrEmail, EmulatorAuthenticationError error, int count = 1, bool refreshOnly = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userIdOrEmail);
        if (!Enum.IsDefined(error))
        {
            throw new ArgumentOutOfRangeException(nameof(error), error, null);
        }

        if (count == 0 || count < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Use a positive count, or -1 for until cleared.");
        }

        _core.Store.AddAuthenticationError(userIdOrEmail, error, count, refreshOnly);
    }

    /// <summary>Removes all pending authentication errors, including those of the seed.</summary>
    public void ClearAuthenticationErrors() => _core.Store.ClearAuthenticationErrors();

    /// <summary>The email address of a user, by id or email; <see langword="null"/> when the emulator has no such user.</summary>
    internal string? FindUserEmail(string userIdOrEmail) => _core.Store.FindUserEmail(userIdOrEmail);

    private int CountGrants(string grantType) =>
        _core.Log.Snapshot().Count(r => r.Method == "POST" && r.Path == AuthenticatePath
            && r.Body.TryGetValue("grant_type", out var value) && value == grantType);
}
