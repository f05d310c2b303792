namespace WorkOS.AspNetCore.Widgets;

/// <summary>
/// The scopes a widget token can carry (WorkOS's <c>WidgetSessionTokenScopes</c>). A widget needs the scope of what it
/// manages; <see cref="Microsoft.AspNetCore.Http.WorkOSWidgetHttpContextExtensions.GetWorkOSWidgetTokenAsync"/> refuses
/// any other value before calling WorkOS.
/// </summary>
public static class WorkOSWidgetScopes
{
    /// <summary>The users table widget: lists, invites and removes the organization's members.</summary>
    public const string UsersTableManage = "widgets:users-table:manage";

    /// <summary>The domain verification widget.</summary>
    public const string DomainVerificationManage = "widgets:domain-verification:manage";

    /// <summary>The SSO connection widget.</summary>
    public const string SsoManage = "widgets:sso:manage";

    /// <summary>The API keys widget.</summary>
    public const string ApiKeysManage = "widgets:api-keys:manage";

    /// <summary>The Directory Sync widget.</summary>
    public const string DsyncManage = "widgets:dsync:manage";

    /// <summary>The audit log streaming widget.</summary>
    public const string AuditLogStreamingManage = "widgets:audit-log-streaming:manage";

    /// <summary>Every scope above: the only values a widget token request may carry.</summary>
    internal static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        UsersTableManage, DomainVerificationManage, SsoManage, ApiKeysManage, DsyncManage, AuditLogStreamingManage,
    };
}
