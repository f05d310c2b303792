using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WorkOS.AspNetCore.Sample.Pages;

/// <summary>The WorkOS health checks' answers, and whether metrics and traces go to the console.</summary>
public sealed class SystemStatusModel(HealthCheckService healthChecks, IConfiguration configuration) : PageModel
{
    /// <summary>The answers of the checks tagged <c>workos</c>.</summary>
    public HealthReport Report { get; private set; } = new(new Dictionary<string, HealthReportEntry>(), TimeSpan.Zero);

    /// <summary>Whether <c>Telemetry:Console</c> is on.</summary>
    public bool ConsoleExport => configuration.GetValue<bool>("Telemetry:Console");

    /// <summary>Runs the checks.</summary>
    /// <returns>The page.</returns>
    public async Task OnGetAsync() =>
        Report = await healthChecks.CheckHealthAsync(check => check.Tags.Contains(WorkOSAuthKitDefaults.HealthCheckTag), HttpContext.RequestAborted);
}
