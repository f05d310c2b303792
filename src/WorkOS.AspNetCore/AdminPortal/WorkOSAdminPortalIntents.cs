namespace WorkOS.AspNetCore.AdminPortal;

/// <summary>
/// What an Admin Portal link opens (WorkOS's <c>GenerateLinkIntent</c>): the last segment of the path that
/// <c>MapWorkOSAdminPortal</c> maps, for example <c>/admin/portal/sso</c>. Any other value is answered 404.
/// </summary>
public static class WorkOSAdminPortalIntents
{
    /// <summary>Set up SSO connections.</summary>
    public const string Sso = "sso";

    /// <summary>Set up Directory Sync.</summary>
    public const string DirectorySync = "dsync";

    /// <summary>View the organization's audit logs.</summary>
    public const string AuditLogs = "audit_logs";

    /// <summary>Set up audit log streams.</summary>
    public const string LogStreams = "log_streams";

    /// <summary>Verify the organization's domains.</summary>
    public const string DomainVerification = "domain_verification";

    /// <summary>Renew SAML certificates.</summary>
    public const string CertificateRenewal = "certificate_renewal";

    /// <summary>Configure Bring Your Own Key.</summary>
    public const string BringYourOwnKey = "bring_your_own_key";

    /// <summary>Every intent above.</summary>
    internal static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Sso, DirectorySync, AuditLogs, LogStreams, DomainVerification, CertificateRenewal, BringYourOwnKey,
    };
}
