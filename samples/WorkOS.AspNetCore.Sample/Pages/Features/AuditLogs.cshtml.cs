using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkOS.AspNetCore.Authorization;

namespace WorkOS.AspNetCore.Sample.Pages.Features;

/// <summary>A feature for organizations with the <c>audit-logs</c> entitlement.</summary>
[RequireWorkOSEntitlement("audit-logs")]
public sealed class AuditLogsModel : PageModel
{
}
