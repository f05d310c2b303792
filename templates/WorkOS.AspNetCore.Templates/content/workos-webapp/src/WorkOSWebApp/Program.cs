using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Emulator;
#if (blazor)
using WorkOSWebApp.Components;
#endif

var builder = WebApplication.CreateBuilder(args);

// Binds the "WorkOS" section (appsettings.json, user secrets) and the WORKOS_* environment variables.
builder.Services.AddWorkOSAuthKit(builder.Configuration);

// In Development with no WorkOS credentials, sign in against the local AuthKit emulator instead: no account, no
// network. Its users: alice@acme.com (admin of Acme) and bob@acme.com (member).
builder.Services.AddWorkOSEmulatorWhenUnconfigured();

builder.Services.AddAuthorization();
builder.Services.AddRazorPages(options => options.Conventions.AuthorizeFolder("/Account"));
#if (blazor)
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddWorkOSBlazorServer();
#endif

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapWorkOSAuthKit();   // GET /auth/sign-in, GET /auth/sign-up, POST /auth/sign-out, the callback
app.MapRazorPages();
#if (blazor)
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
#endif

// A minimal API: any signed-in user may read it; writing takes the "posts:write" permission from the access token.
var api = app.MapGroup("/api").RequireAuthorization();
api.MapGet("/me", (HttpContext context) => new
{
    email = context.User.Identity?.Name,
    organizationId = context.User.GetOrganizationId(),
    role = context.User.GetWorkOSRole(),
    permissions = context.User.GetWorkOSPermissions(),
});
api.MapPost("/posts", (Post post) => Results.Created($"/api/posts/{Guid.NewGuid():N}", post))
    .RequireAuthorization("posts:write");

app.Run();

/// <summary>A post sent to the API.</summary>
internal sealed record Post(string Title);

/// <summary>The app's entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
