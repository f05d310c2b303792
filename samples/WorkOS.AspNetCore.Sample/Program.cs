using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Components;
using WorkOS.AspNetCore.Sample.Authorization;
using WorkOS.AspNetCore.Sample.Components;
using WorkOS.AspNetCore.Testing;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddWorkOSAuthKit(builder.Configuration);

// With no WorkOS credentials configured, the sample starts the local AuthKit emulator on loopback and signs in
// against it, so it runs on a fresh machine with no WorkOS account and no network.
builder.Services.AddWorkOSEmulatorWhenUnconfigured();
builder.Services.AddAuthorization();
builder.Services.AddRazorPages(options => options.Conventions.AuthorizeFolder("/Account"));

// Blazor Server (/blazor): auth state that follows the WorkOS session for the life of a circuit.
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddWorkOSBlazorServer();
builder.Services.AddOptions<WorkOSBlazorServerOptions>().BindConfiguration("WorkOS:Blazor");
builder.Services.AddHttpClient();

var app = builder.Build();

app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapWorkOSAuthKit();
app.MapRazorPages();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
#if BLAZOR_SCRIPT_FALLBACK
WorkOS.AspNetCore.Sample.BlazorScriptFallback.MapBlazorScriptFallback(app);
#endif

var api = app.MapGroup("/api").RequireAuthorization();
api.MapGet("/me", (HttpContext context) =>
{
    var user = context.User;
    return Results.Ok(new
    {
        id = user.GetWorkOSUserId(),
        email = user.Identity?.Name,
        organizationId = user.GetOrganizationId(),
        role = user.GetWorkOSRole(),
        roles = user.GetWorkOSRoles(),
        permissions = user.GetWorkOSPermissions(),
        entitlements = user.GetWorkOSEntitlements(),
        featureFlags = user.GetWorkOSFeatureFlags(),
    });
});

// Authorization samples: roles, permissions, entitlements, feature flags and fine-grained checks
// (Authorization/AuthorizationSampleEndpoints.cs and the pages /Access, /Admin, /Features/AuditLogs, /reports).
app.MapAuthorizationSamples();

await app.RunAsync();

/// <summary>The sample's entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
