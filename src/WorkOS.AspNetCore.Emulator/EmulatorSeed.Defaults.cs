namespace WorkOS.AspNetCore.Emulator;

public sealed partial class EmulatorSeed
{
    /// <summary>The password of the default seed's users (<c>password</c> grant): <c>correct-horse-battery-staple</c>.</summary>
    public const string DefaultPassword = "correct-horse-battery-staple";

    /// <summary>
    /// The default data, with stable ids tests can rely on:
    /// <list type="bullet">
    /// <item>organizations <c>org_acme</c> "Acme Corp" (entitlements <c>audit-logs</c>, <c>sso</c>; feature flag
    /// <c>new-dashboard</c>) and <c>org_globex</c> "Globex";</item>
    /// <item>roles <c>admin</c> (posts:read, posts:write, posts:delete, users:manage, reports:view), <c>member</c>
    /// (posts:read, reports:view) and <c>viewer</c> (posts:read);</item>
    /// <item><c>user_alice</c> alice@acme.com (Alice Admin): admin in Acme (<c>om_alice_acme</c>), member in Globex
    /// (<c>om_alice_globex</c>); <c>user_bob</c> bob@acme.com (Bob Member): member in Acme (<c>om_bob_acme</c>);
    /// <c>user_carol</c> carol@globex.com (Carol Viewer): viewer in Globex (<c>om_carol_globex</c>);</item>
    /// <item>Alice, Bob and Carol sign in with the <c>password</c> grant using <see cref="DefaultPassword"/>;</item>
    /// <item>API key <c>api_key_acme_reports</c> with value <c>sk_acme_reports_emulator</c>, owned by Acme, with
    /// permission reports:view;</item>
    /// <item>SSO connections <c>conn_acme_saml</c> (OktaSAML, Acme, domain acme.com) and <c>conn_globex_oidc</c>
    /// (GenericOIDC, Globex, domain globex.com), whose profiles are the organizations' active members (Alice's
    /// acme.com email is outside Globex's domain, so Globex's connection refuses her with
    /// <c>profile_not_allowed_outside_organization</c>);</item>
    /// <item>fine-grained authorization in Acme: folder <c>finance</c> (<c>authz_resource_acme_finance</c>) holding
    /// reports <c>q3-revenue</c> (<c>authz_resource_acme_q3_revenue</c>) and <c>q4-forecast</c>
    /// (<c>authz_resource_acme_q4_forecast</c>), and report <c>roadmap</c> (<c>authz_resource_acme_roadmap</c>) outside
    /// it; in Globex, report <c>budget</c> (<c>authz_resource_globex_budget</c>). Resource roles <c>report-viewer</c>
    /// (report:view), <c>report-editor</c> (report:view, report:edit) and <c>report-admin</c> (report:view,
    /// report:edit, report:delete). Bob is <c>report-viewer</c> on the finance folder (<c>ra_bob_finance_viewer</c>),
    /// so he may view its reports and nothing else; Alice is <c>report-admin</c> organization wide in Acme
    /// (<c>ra_alice_acme_report_admin</c>).</item>
    /// </list>
    /// </summary>
    /// <returns>A new seed; changing it does not affect other emulators.</returns>
    public static EmulatorSeed CreateDefault() => new()
    {
        Organizations =
        [
            new SeedOrganization { Id = "org_acme", Name = "Acme Corp", Entitlements = ["audit-logs", "sso"], FeatureFlags = ["new-dashboard"] },
            new SeedOrganization { Id = "org_globex", Name = "Globex" },
        ],
        Roles =
        [
            new SeedRole { Slug = "admin", Name = "Admin", Permissions = ["posts:read", "posts:write", "posts:delete", "users:manage", "reports:view"] },
            new SeedRole { Slug = "member", Name = "Member", Permissions = ["posts:read", "reports:view"] },
            new SeedRole { Slug = "viewer", Name = "Viewer", Permissions = ["posts:read"] },
        ],
        Users =
        [
            new SeedUser { Id = "user_alice", Email = "alice@acme.com", FirstName = "Alice", LastName = "Admin", Password = DefaultPassword },
            new SeedUser { Id = "user_bob", Email = "bob@acme.com", FirstName = "Bob", LastName = "Member", Password = DefaultPassword },
            new SeedUser { Id = "user_carol", Email = "carol@globex.com", FirstName = "Carol", LastName = "Viewer", Password = DefaultPassword },
        ],
        Memberships =
        [
            new SeedMembership { Id = "om_alice_acme", UserId = "user_alice", OrganizationId = "org_acme", Roles = ["admin"] },
            new SeedMembership { Id = "om_alice_globex", UserId = "user_alice", OrganizationId = "org_globex", Roles = ["member"] },
            new SeedMembership { Id = "om_bob_acme", UserId = "user_bob", OrganizationId = "org_acme", Roles = ["member"] },
            new SeedMembership { Id = "om_carol_globex", UserId = "user_carol", OrganizationId = "org_globex", Roles = ["viewer"] },
        ],
        Connections =
        [
            new SeedConnection { Id = "conn_acme_saml", Name = "Acme Okta", ConnectionType = "OktaSAML", OrganizationId = "org_acme", Domains = ["acme.com"] },
            new SeedConnection { Id = "conn_globex_oidc", Name = "Globex OIDC", ConnectionType = "GenericOIDC", OrganizationId = "org_globex", Domains = ["globex.com"] },
        ],
        ApiKeys =
        [
            new SeedApiKey
            {
                Id = "api_key_acme_reports",
                Value = "sk_acme_reports_emulator",
                Name = "Acme reporting",
                OwnerType = "organization",
                OwnerId = "org_acme",
                Permissions = ["reports:view"],
            },
        ],
        ResourceRoles =
        [
            new SeedRole { Slug = "report-viewer", Name = "Report viewer", Permissions = ["report:view"] },
            new SeedRole { Slug = "report-editor", Name = "Report editor", Permissions = ["report:view", "report:edit"] },
            new SeedRole { Slug = "report-admin", Name = "Report admin", Permissions = ["report:view", "report:edit", "report:delete"] },
        ],
        Resources =
        [
            new SeedResource { Id = "authz_resource_acme_finance", ExternalId = "finance", ResourceTypeSlug = "folder", Name = "Finance", OrganizationId = "org_acme" },
            new SeedResource
            {
                Id = "authz_resource_acme_q3_revenue", ExternalId = "q3-revenue", ResourceTypeSlug = "report", Name = "Q3 revenue",
                OrganizationId = "org_acme", ParentResourceId = "authz_resource_acme_finance",
            },
            new SeedResource
            {
                Id = "authz_resource_acme_q4_forecast", ExternalId = "q4-forecast", ResourceTypeSlug = "report", Name = "Q4 forecast",
                OrganizationId = "org_acme", ParentResourceId = "authz_resource_acme_finance",
            },
            new SeedResource { Id = "authz_resource_acme_roadmap", ExternalId = "roadmap", ResourceTypeSlug = "report", Name = "Product roadmap", OrganizationId = "org_acme" },
            new SeedResource { Id = "authz_resource_globex_budget", ExternalId = "budget", ResourceTypeSlug = "report", Name = "Globex budget", OrganizationId = "org_globex" },
        ],
        RoleAssignments =
        [
            new SeedRoleAssignment
            {
                Id = "ra_bob_finance_viewer", MembershipId = "om_bob_acme", RoleSlug = "report-viewer",
                ResourceExternalId = "finance", ResourceTypeSlug = "folder",
            },
            new SeedRoleAssignment { Id = "ra_alice_acme_report_admin", MembershipId = "om_alice_acme", RoleSlug = "report-admin" },
        ],
    };
}
