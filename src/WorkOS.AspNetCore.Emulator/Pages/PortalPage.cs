using WorkOS.AspNetCore.Emulator.State;

namespace WorkOS.AspNetCore.Emulator.Pages;

/// <summary>The emulator's stand-in for the Admin Portal: the organization, the intent, and the links back to the app.</summary>
internal static class PortalPage
{
    private static readonly Dictionary<string, string> IntentTitles = new(StringComparer.Ordinal)
    {
        ["sso"] = "Single Sign-On",
        ["dsync"] = "Directory Sync",
        ["audit_logs"] = "Audit Logs",
        ["log_streams"] = "Log Streams",
        ["domain_verification"] = "Domain Verification",
        ["certificate_renewal"] = "Certificate Renewal",
        ["bring_your_own_key"] = "Bring Your Own Key",
    };

    /// <summary>
    /// The page of a portal link. Every value is HTML-encoded; the return and success URLs were checked to be
    /// absolute http or https URLs when the link was generated.
    /// </summary>
    public static string Render(PortalLinkRecord link)
    {
        var title = IntentTitles.GetValueOrDefault(link.Intent, link.Intent);
        var links = "";
        if (link.SuccessUrl is { } success)
        {
            links += $"<p class=\"message\"><a data-testid=\"success\" href=\"{Html.Encode(success)}\">Finish setup</a></p>";
        }

        if (link.ReturnUrl is { } back)
        {
            links += $"<p class=\"message\"><a data-testid=\"return\" href=\"{Html.Encode(back)}\">Back to app</a></p>";
        }

        return Html.Page($"Admin Portal: {title}", link.OrganizationName, $"""
            <p class="message">Organization <strong data-testid="organization-name">{Html.Encode(link.OrganizationName)}</strong>
            (<code data-testid="organization">{Html.Encode(link.OrganizationId)}</code>)</p>
            <p class="message">Intent <code data-testid="intent">{Html.Encode(link.Intent)}</code>: set up {Html.Encode(title)}.</p>
            {links}
            """);
    }
}
