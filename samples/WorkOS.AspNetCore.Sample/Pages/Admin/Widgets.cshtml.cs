using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkOS.AspNetCore.AdminPortal;
using WorkOS.AspNetCore.Authorization;
using WorkOS.AspNetCore.Widgets;

namespace WorkOS.AspNetCore.Sample.Pages.Admin;

/// <summary>
/// WorkOS's Users Management widget with a widget token for the signed-in admin and their organization, and links to
/// the Admin Portal endpoint (<c>MapWorkOSAdminPortal("/admin/portal")</c> in Program.cs) for each intent. Admins only,
/// as the portal endpoint is.
/// </summary>
[RequireWorkOSRole("admin")]
public sealed partial class WidgetsModel(ILogger<WidgetsModel> logger) : PageModel
{
    /// <summary>The scopes of the widgets this page renders.</summary>
    public static readonly string[] Scopes = [WorkOSWidgetScopes.UsersTableManage];

    /// <summary>The Admin Portal intents the page links to, with their labels.</summary>
    public static readonly IReadOnlyList<(string Intent, string Label)> PortalIntents =
    [
        (WorkOSAdminPortalIntents.Sso, "Single Sign-On"),
        (WorkOSAdminPortalIntents.DirectorySync, "Directory Sync"),
        (WorkOSAdminPortalIntents.AuditLogs, "Audit Logs"),
        (WorkOSAdminPortalIntents.LogStreams, "Log Streams"),
        (WorkOSAdminPortalIntents.DomainVerification, "Domain Verification"),
    ];

    /// <summary>The widget token, or <see langword="null"/> when none could be had (see <see cref="Problem"/>).</summary>
    public string? Token { get; private set; }

    /// <summary>Why there is no token, for the page.</summary>
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // The token is a credential of this user: the page must not be cached.
        Response.Headers.CacheControl = "no-store";
        try
        {
            Token = await HttpContext.GetWorkOSWidgetTokenAsync(Scopes, cancellationToken);
        }
        catch (WorkOSWidgetTokenException ex)
        {
            WidgetTokenUnavailable(logger, ex.Failure);
            Problem = ex.Failure == WorkOSWidgetTokenFailure.Unavailable
                ? "WorkOS could not be reached for a widget token. Try again in a moment."
                : "WorkOS did not issue a widget token for this session.";
            Response.StatusCode = ex.Failure == WorkOSWidgetTokenFailure.Unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway;
        }
    }

    [LoggerMessage(EventId = 2170, Level = LogLevel.Warning, Message = "The widgets page has no widget token: {Failure}.")]
    private static partial void WidgetTokenUnavailable(ILogger logger, WorkOSWidgetTokenFailure failure);
}
