using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkOS.AspNetCore.Authorization;

namespace WorkOS.AspNetCore.Sample.Pages.Admin;

/// <summary>A page only WorkOS admins see: <c>[RequireWorkOSRole("admin")]</c> (or <c>[Authorize(Roles = "admin")]</c>).</summary>
[RequireWorkOSRole("admin")]
public sealed class IndexModel : PageModel
{
}
