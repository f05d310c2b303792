using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WorkOS.AspNetCore;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Components;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Sample.Authorization;
using WorkOS.AspNetCore.Sample.Components;
using WorkOS.AspNetCore.Sample.ErrorPages;
using WorkOS.AspNetCore.Sample.Events;
using WorkOS.AspNetCore.Sample.SignIn;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddWorkOSAuthKit(builder.Configuration);

// With no WorkOS credentials configured, the sample starts the local AuthKit emulator on loopback and signs in
// against it, so it runs on a fresh machine with no WorkOS account and no network.
var localEmulatorWebhook = new LocalEmulatorWebhook();
builder.Services.AddWorkOSEmulatorWhenUnconfigured(options =>
{
    localEmulatorWebhook.ConfigureOfflineEmulator(options);
    // For the sample's own sign-in pages: a user with MFA, one to verify, reset and invitation links to this app
    // ("Sample:Url", default the launch profile's http://localhost:5080).
    SignInSampleEmulator.Configure(options, new Uri(builder.Configuration["Sample:Url"] ?? "http://localhost:5080"));
});
builder.Services.AddAuthorization();
// Error statuses by content negotiation: browsers see Pages/Status.cshtml (access denied for 403), API clients get
// application/problem+json (ErrorPages/ErrorResponses.cs).
builder.Services.AddErrorResponses();
builder.Services.AddRazorPages(options => options.Conventions.AuthorizeFolder("/Account"));

// The sample's own sign-in pages (Pages/SignIn/) on WorkOSSignInManager: password with MFA, a code by email, sign-up,
// password reset, invitations, and the further steps WorkOS may ask for (/SignIn/Step). A hosted sign-in that needs
// such a step is sent to /SignIn/Step too ("WorkOS:SignInStepPath" in appsettings.json), which reads it with GetStep.
builder.Services.AddSingleton<WorkOS.AspNetCore.Sample.Pages.SignIn.SignInPageServices>();

// Blazor Server (/blazor): auth state that follows the WorkOS session for the life of a circuit.
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddWorkOSBlazorServer();
// "WorkOS:Blazor:RevalidationInterval" (default 00:01:00): how often a circuit checks its session; a circuit lost
// without closing stops keeping the browser's older cookie working within twice that plus 30 seconds.
builder.Services.AddOptions<WorkOSBlazorServerOptions>().BindConfiguration("WorkOS:Blazor");
builder.Services.AddHttpClient();

// WorkOS events by webhook (Events/): the endpoint below verifies each delivery, a handler keeps the last ones for
// /Admin/Events. Against the local emulator the sample registers its endpoint there at start, with a generated secret;
// against WorkOS, register https://<your host>/webhooks/workos in the dashboard and set WORKOS_WEBHOOK_SECRET.
builder.Services.AddSampleEvents(localEmulatorWebhook);

// API access: AuthKit access tokens and WorkOS API keys as bearer credentials; endpoints in the "API access" block
// below (and explained on /ApiWalkthrough). The browser's session is accepted there too, so the signed-in pages can call them.
builder.Services.AddAuthentication().AddWorkOSApiSchemes(sessionScheme: WorkOS.AspNetCore.WorkOSAuthKitDefaults.CookieScheme);

// Health checks: /healthz answers whether WorkOS's signing keys can be fetched and whether WorkOS accepts the API key
// ("workos-jwks", "workos-api-key"); the /SystemStatus page shows each check.
builder.Services.AddHealthChecks().AddWorkOSHealthChecks();

// Metrics and traces of the library, ASP.NET Core and HttpClient, written to the console when "Telemetry:Console" is
// true (off by default): a sign-in, a refresh inside the request that needed it, each call to WorkOS.
if (builder.Configuration.GetValue<bool>("Telemetry:Console"))
{
    builder.Services.AddOpenTelemetry()
        .WithMetrics(metrics => metrics.AddMeter(WorkOSAuthKitDefaults.MeterName)
            .AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddConsoleExporter())
        .WithTracing(tracing => tracing.AddSource(WorkOSAuthKitDefaults.ActivitySourceName)
            .AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddConsoleExporter());
}

var app = builder.Build();

app.UseErrorResponses();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapWorkOSAuthKit();
app.MapHealthChecks("/healthz");
app.MapWorkOSWebhooks(EmulatorWebhookRegistration.Path);
app.MapRazorPages();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

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

// Admin Portal: GET /admin/portal/{intent} (sso, dsync, audit_logs, ...) sends an admin to a new Admin Portal link of
// their session's organization; linked from /Admin/Widgets, which also renders a widget with a widget token.
app.MapWorkOSAdminPortal("/admin/portal", portal => portal.ReturnPath = "/Admin/Widgets")
    .RequireWorkOSRole("admin");

// API access.
// For SPAs, mobile apps and machine clients: a user's AuthKit access token or an API key WorkOS issued to a customer,
// both as "Authorization: Bearer ..." (a key may also come in X-Api-Key), with the same claims and permission policies as
// the cookie session. Try it with curl: see "APIs: bearer tokens and API keys" in README.md.
var machineApi = app.MapGroup("/api").RequireAuthorization(policy => policy
    .AddAuthenticationSchemes(WorkOS.AspNetCore.Bearer.WorkOSBearerDefaults.ApiAuthenticationScheme)
    .RequireAuthenticatedUser());
machineApi.MapGet("/whoami", (HttpContext context) =>
{
    var caller = context.User;
    var apiKeyId = caller.FindFirst(WorkOS.AspNetCore.ApiKeys.WorkOSApiKeyDefaults.KeyIdClaimType)?.Value;
    return Results.Ok(new
    {
        kind = apiKeyId is null ? "user" : "api_key",
        scheme = caller.Identity?.AuthenticationType,
        name = caller.Identity?.Name,
        userId = caller.GetWorkOSUserId(),
        organizationId = caller.GetOrganizationId(),
        apiKeyId,
        permissions = caller.GetWorkOSPermissions(),
    });
});
machineApi.MapGet("/reports", (HttpContext context) => Results.Ok(new
{
    organizationId = context.User.GetOrganizationId(),
    reports = new[] { new { id = "q3-revenue", title = "Q3 revenue" }, new { id = "roadmap", title = "Roadmap" } },
})).RequireAuthorization("reports:view");
if (app.Environment.IsDevelopment())
{
    // The signed-in user's access token as plain text, to paste into curl. Development only.
    app.MapGet("/dev/access-token", async (HttpContext context) =>
    {
        return Results.Text(await context.GetWorkOSAccessTokenAsync() ?? string.Empty);
    }).RequireAuthorization();
}

await app.RunAsync();

/// <summary>The sample's entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
