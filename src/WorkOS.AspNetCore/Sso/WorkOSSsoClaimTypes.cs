using WorkOS.AspNetCore.Claims;

namespace WorkOS.AspNetCore.Sso;

/// <summary>Claim types an SSO profile adds besides the shared ones of <see cref="WorkOSClaimTypes"/>.</summary>
public static class WorkOSSsoClaimTypes
{
    /// <summary>The SSO connection the user signed in through (<c>conn_...</c>).</summary>
    public const string ConnectionId = "connection_id";

    /// <summary>The kind of connection (<c>OktaSAML</c>, <c>GenericOIDC</c>, <c>GoogleOAuth</c>, ...).</summary>
    public const string ConnectionType = "connection_type";

    /// <summary>The user's id at the identity provider.</summary>
    public const string IdpId = "idp_id";

    /// <summary>A group the identity provider lists for the user.</summary>
    public const string Group = "group";

    /// <summary>The prefix of raw attribute claims (<c>raw:department</c>), present only with <see cref="WorkOSSsoOptions.IncludeRawAttributes"/>.</summary>
    public const string RawAttributePrefix = "raw:";
}
