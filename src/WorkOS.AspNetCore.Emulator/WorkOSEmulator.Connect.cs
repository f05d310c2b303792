using WorkOS.AspNetCore.Emulator.Endpoints;

namespace WorkOS.AspNetCore.Emulator;

public sealed partial class WorkOSEmulator
{
    /// <summary>
    /// The AuthKit domain the emulator plays for WorkOS Connect: its base URL without the trailing slash, the
    /// <c>iss</c> of Connect tokens and the address of <c>/.well-known/openid-configuration</c>.
    /// </summary>
    public string ConnectDomain => BaseUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>Adds a machine-to-machine application that can get tokens from <c>POST /oauth2/token</c> (client credentials).</summary>
    /// <param name="application">The application.</param>
    /// <returns>The application's client id (generated when it had none).</returns>
    public string AddM2MApplication(SeedM2MApplication application) => _core.Store.AddM2MApplication(application).ClientId;

    /// <summary>
    /// Signs a Connect access token for a user who authorized a third-party application (as the authorization code flow
    /// of WorkOS Connect ends): <c>sub</c> the user, a <c>sid</c>, <c>client_id</c> and <c>aud</c> the application.
    /// Introspection knows it like a token from <c>/oauth2/token</c>.
    /// </summary>
    /// <param name="userId">The user (<c>sub</c>).</param>
    /// <param name="clientId">The application (<c>client_id</c>, and <c>aud</c> unless <paramref name="audience"/> is given).</param>
    /// <param name="scopes">The granted scopes.</param>
    /// <param name="organizationId">The organization (<c>org_id</c>), if any.</param>
    /// <param name="audience">A resource indicator to use as <c>aud</c> instead of the client id.</param>
    /// <param name="lifetime">The lifetime; <see cref="WorkOSEmulatorOptions.AccessTokenLifetime"/> when not given.</param>
    /// <returns>The signed token.</returns>
    public string CreateConnectUserToken(string userId, string clientId, IEnumerable<string> scopes, string? organizationId = null,
        string? audience = null, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentNullException.ThrowIfNull(scopes);
        var now = _core.Time.GetUtcNow();
        ConnectEndpoints.Issue(ConnectDomain, _core, clientId, userId, audience ?? clientId, organizationId, State.IdGenerator.NewId("session_", now),
            string.Join(' ', scopes), lifetime ?? _core.Options.AccessTokenLifetime, out var token);
        return token;
    }

    /// <summary>Revokes a Connect token: introspection answers <c>active:false</c> for it from now on.</summary>
    /// <param name="token">The token, as issued.</param>
    /// <returns><see langword="true"/> when the emulator issued it.</returns>
    public bool RevokeConnectToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return ConnectEndpoints.Revoke(_core, token);
    }

    /// <summary>
    /// Rotates the key that signs Connect tokens (published at <c>/oauth2/jwks</c>, apart from the session keys); with
    /// <paramref name="retireOld"/> the old keys leave the key set at once.
    /// </summary>
    /// <param name="retireOld">Whether to stop publishing the previous keys.</param>
    /// <returns>The new key id.</returns>
    public string RotateConnectSigningKey(bool retireOld = false)
    {
        _core.ConnectKeys.Rotate(retireOld);
        return _core.ConnectKeys.Current.KeyId!;
    }
}
