using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace WorkOS.AspNetCore.Sample.Pages;

/// <summary>
/// The page a browser sees for an error status (see <c>ErrorResponses</c>): the request is re-executed here with its
/// original status and method, so the page answers every method and needs no antiforgery token of its own.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    /// <summary>The status code shown.</summary>
    public int Code { get; private set; }

    /// <summary>The path that failed, when this page renders an error of another request.</summary>
    public string? OriginalPath { get; private set; }

    /// <summary>Whether the failed request was an organization switch.</summary>
    public bool IsOrganizationSwitch => OriginalPath?.EndsWith("/auth/switch-organization", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Renders the page for any method.</summary>
    /// <param name="code">The status code from the route.</param>
    public void OnGet(int code) => Load(code);

    /// <inheritdoc cref="OnGet"/>
    public void OnPost(int code) => Load(code);

    private void Load(int code)
    {
        Code = code;
        OriginalPath = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath;
    }
}
