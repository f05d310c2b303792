using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkOS.AspNetCore.Fga;
using WorkOS.AspNetCore.Sample.Authorization;

namespace WorkOS.AspNetCore.Sample.Pages.Reports;

/// <summary>
/// One report, shown only when WorkOS authorizes <c>report:view</c> on it (the route value <c>id</c> is the report's
/// external id): Bob may view the finance reports through his role on their folder, Alice every report.
/// </summary>
[RequireWorkOSCheck("report:view", "report", RouteValue = "id")]
public sealed class ReportModel : PageModel
{
    /// <summary>The report, when it exists.</summary>
    public SampleReport? Report { get; private set; }

    /// <summary>Loads the report.</summary>
    /// <param name="id">The report id.</param>
    /// <returns>The page, or 404.</returns>
    public IActionResult OnGet(string id)
    {
        Report = SampleReports.All.GetValueOrDefault(id);
        return Report is null ? NotFound() : Page();
    }
}
