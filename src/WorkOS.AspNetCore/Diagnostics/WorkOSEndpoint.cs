namespace WorkOS.AspNetCore.Diagnostics;

/// <summary>
/// A WorkOS operation the library calls: the span name and the endpoint template (ids left out) that its metrics
/// and spans carry. Set on each request with <see cref="Key"/>.
/// </summary>
internal sealed record WorkOSEndpoint(string Operation, string Template)
{
    /// <summary>Where a request carries its endpoint.</summary>
    public static readonly HttpRequestOptionsKey<WorkOSEndpoint> Key = new("WorkOS.Endpoint");

    public static readonly WorkOSEndpoint CodeExchange = new("WorkOS code exchange", "/user_management/authenticate");
    public static readonly WorkOSEndpoint TokenRefresh = new("WorkOS token refresh", "/user_management/authenticate");
    public static readonly WorkOSEndpoint RevokeSession = new("WorkOS revoke session", "/user_management/sessions/revoke");
    public static readonly WorkOSEndpoint ListSessions = new("WorkOS list sessions", "/user_management/users/{user_id}/sessions");
    public static readonly WorkOSEndpoint ListMemberships = new("WorkOS list organization memberships", "/user_management/organization_memberships");
    public static readonly WorkOSEndpoint AuthorizationCheck = new("WorkOS authorization check", "/authorization/organization_memberships/{membership_id}/check");
    public static readonly WorkOSEndpoint ValidateApiKey = new("WorkOS validate API key", "/api_keys/validations");
    public static readonly WorkOSEndpoint SigningKeys = new("WorkOS signing keys", "/sso/jwks/{client_id}");

    /// <summary>A request on the library's client that names no operation (an app's own use of the client).</summary>
    public static readonly WorkOSEndpoint Other = new("WorkOS call", "other");

    /// <summary>Marks <paramref name="request"/> as a call of this operation.</summary>
    public HttpRequestMessage Tag(HttpRequestMessage request)
    {
        request.Options.Set(Key, this);
        return request;
    }
}
