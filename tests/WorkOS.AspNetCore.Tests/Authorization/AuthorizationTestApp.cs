using System.Net;
using System.Reflection;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Authorization;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Fga;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authorization;

/// <summary>
/// The AuthKit test app with the endpoints the authorization tests use: minimal API endpoints (<c>/min/*</c>,
/// <c>/reports/*</c>, ...), an MVC controller with the attributes (<c>/mvc/*</c>), and a second way to sign in for
/// claims the emulator's sessions never carry (<c>auth_time</c>, <c>act</c>): a request with
/// <c>Authorization: Bearer &lt;token made by the emulator&gt;</c> is authenticated from that token's claims.
/// The emulator's default seed has user <c>dave@example.com</c> added, with no organization.
/// </summary>
internal static class AuthorizationTestApp
{
    public const string TokenScheme = "TestToken";

    public static Task<AuthKitTestApp> StartAsync(
        Action<WorkOSAuthorizationOptions>? authorization = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? map = null,
        Action<WorkOSEmulatorOptions>? configureEmulator = null) =>
        AuthKitTestApp.StartAsync(
            configureEmulator: options =>
            {
                options.Seed.AddUser("dave@example.com", "Dave", "Nobody", "user_dave");
                configureEmulator?.Invoke(options);
            },
            services: s =>
            {
                s.AddAuthentication()
                    .AddScheme<AuthenticationSchemeOptions, TestTokenHandler>(TokenScheme, _ => { })
                    .AddPolicyScheme("Selector", "Cookie or test token", options => options.ForwardDefaultSelector = context =>
                        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
                            ? TokenScheme
                            : WorkOSAuthKitDefaults.CookieScheme);
                s.Configure<AuthenticationOptions>(options => options.DefaultAuthenticateScheme = "Selector");
                s.AddControllers().ConfigureApplicationPartManager(parts =>
                {
                    parts.FeatureProviders.Clear();
                    parts.FeatureProviders.Add(new OnlyController<PolicyTestController>());
                });
                s.AddWorkOSAuthorization(authorization);
                services?.Invoke(s);
            },
            map: app =>
            {
                MapEndpoints(app);
                app.MapControllers();
                map?.Invoke(app);
            });

    /// <summary>Sends a GET authenticated by a token the emulator signs with <paramref name="claims"/>.</summary>
    public static async Task<HttpResponseMessage> GetWithTokenAsync(this AuthKitTestApp app, string path, IDictionary<string, object> claims)
    {
        using var client = app.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseAddress!, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", app.Emulator.CreateAccessToken(claims));
        return await client.SendAsync(request);
    }

    /// <summary>The claims of an emulator token for Bob in Acme, plus <paramref name="extra"/>.</summary>
    public static Dictionary<string, object> BobClaims(params (string Key, object Value)[] extra)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "user_bob",
            ["sid"] = "session_test",
            ["org_id"] = "org_acme",
            ["role"] = "member",
            ["roles"] = new[] { "member" },
            ["permissions"] = new[] { "posts:read", "reports:view" },
        };
        foreach (var (key, value) in extra)
        {
            claims[key] = value;
        }

        return claims;
    }

    public static bool IsChallenge(this HttpResponseMessage response, AuthKitTestApp app) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location is { } location
        && location.IsAbsoluteUri
        && location.Host == app.Emulator.BaseUrl.Host
        && location.AbsolutePath == "/user_management/authorize";

    private static void MapEndpoints(WebApplication app)
    {
        // Requirement kinds on minimal API endpoints.
        app.MapGet("/min/policy", () => "ok").RequireAuthorization("posts:write");
        app.MapGet("/min/permission", () => "ok").RequireWorkOSPermission("posts:write");
        app.MapGet("/min/permission-all", () => "ok").RequireWorkOSPermission("posts:read", "users:manage");
        app.MapGet("/min/permission-any", () => "ok").RequireAnyWorkOSPermission("users:manage", "reports:view");
        app.MapGet("/min/role", () => "ok").RequireWorkOSRole("admin");
        app.MapGet("/min/entitlement", () => "ok").RequireWorkOSEntitlement("audit-logs");
        app.MapGet("/min/flag", () => "ok").RequireWorkOSFeatureFlag("new-dashboard");
        app.MapGet("/min/organization", () => "ok").RequireWorkOSOrganization();
        app.MapGet("/min/organization/acme", () => "ok").RequireWorkOSOrganization("org_acme");
        app.MapGet("/min/not-impersonating", () => "ok").RequireWorkOSNotImpersonating();
        app.MapGet("/min/recent", () => "ok").RequireRecentWorkOSAuthentication(TimeSpan.FromMinutes(5));
        var admin = app.MapGroup("/min/admin").RequireWorkOSRole("admin");
        admin.MapGet("/users", () => "ok");
        app.MapGet("/min/attribute", [RequireWorkOSEntitlement("sso")] () => "ok");

        // The same checks through IAuthorizationService, for the signed-in user.
        app.MapGet("/svc/{kind}", async (string kind, ClaimsPrincipal user, IAuthorizationService authorization) =>
        {
            var policy = kind switch
            {
                "permission" => new AuthorizationPolicyBuilder().RequireWorkOSPermission("posts:write").Build(),
                "role" => new AuthorizationPolicyBuilder().RequireWorkOSRole("admin").Build(),
                "entitlement" => new AuthorizationPolicyBuilder().RequireWorkOSEntitlement("audit-logs").Build(),
                "flag" => new AuthorizationPolicyBuilder().RequireWorkOSFeatureFlag("new-dashboard").Build(),
                "organization" => new AuthorizationPolicyBuilder().RequireWorkOSOrganization("org_acme").Build(),
                "not-impersonating" => new AuthorizationPolicyBuilder().RequireWorkOSNotImpersonating().Build(),
                "recent" => new AuthorizationPolicyBuilder().RequireRecentWorkOSAuthentication(TimeSpan.FromMinutes(5)).Build(),
                _ => null,
            };
            var result = policy is null ? await authorization.AuthorizeAsync(user, kind) : await authorization.AuthorizeAsync(user, null, policy);
            return Results.Json(new AuthorizationAnswer(result.Succeeded, null, null));
        });

        // Fine-grained checks.
        app.MapGet("/reports/{id}", (string id) => $"report {id}")
            .RequireWorkOSCheck("report:view", resourceType: "report", resourceId: ctx => ctx.HttpContext.GetRouteValue("id")?.ToString());
        app.MapGet("/reports/{id}/edit", (string id) => $"editing {id}")
            .RequireWorkOSCheck("report:edit", "report", routeValue: "id");
        app.MapGet("/resources/{resourceId}", (string resourceId) => $"resource {resourceId}")
            .RequireWorkOSCheck("report:view", ctx => WorkOSResource.TryFromId(ctx.HttpContext.GetRouteValue("resourceId")?.ToString()));
        var folders = app.MapGroup("/folders/{id}").RequireWorkOSCheck("report:view", "folder", routeValue: "id");
        folders.MapGet("/", (string id) => $"folder {id}");
        app.MapGet("/reports/{id}/twice", async (string id, ClaimsPrincipal user, IAuthorizationService authorization) =>
            {
                var result = await authorization.AuthorizeAsync(user, WorkOSResource.FromExternalId("report", id), new WorkOSCheckRequirement("report:view"));
                return Results.Json(new AuthorizationAnswer(result.Succeeded, null, null));
            })
            .RequireWorkOSCheck("report:view", "report", routeValue: "id")
            .RequireWorkOSCheck("report:view", "report", routeValue: "id");

        // A resource loaded in code, checked through IAuthorizationService.
        app.MapGet("/code/reports/{id}", async (string id, ClaimsPrincipal user, IAuthorizationService authorization) =>
        {
            var result = await authorization.AuthorizeAsync(user, WorkOSResource.FromExternalId("report", id), new WorkOSCheckRequirement("report:view"));
            var reason = result.Failure?.FailureReasons.OfType<WorkOSCheckFailureReason>().FirstOrDefault();
            return Results.Json(new AuthorizationAnswer(result.Succeeded, reason?.Outcome.ToString(), reason?.Reason));
        });
        app.MapGet("/code/no-resource", async (ClaimsPrincipal user, IAuthorizationService authorization) =>
        {
            var result = await authorization.AuthorizeAsync(user, new object(), new WorkOSCheckRequirement("report:view"));
            var reason = result.Failure?.FailureReasons.OfType<WorkOSCheckFailureReason>().FirstOrDefault();
            return Results.Json(new AuthorizationAnswer(result.Succeeded, reason?.Outcome.ToString(), reason?.Reason));
        });
    }

    private sealed class OnlyController<T> : IApplicationFeatureProvider<ControllerFeature>
    {
        public void PopulateFeature(IEnumerable<ApplicationPart> parts, ControllerFeature feature) =>
            feature.Controllers.Add(typeof(T).GetTypeInfo());
    }

    /// <summary>Authenticates <c>Authorization: Bearer</c> requests from the token's claims, through the library's claims mapper (no signature check: test only).</summary>
    internal sealed class TestTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var token = new JsonWebToken(header["Bearer ".Length..]);
            var identity = WorkOSClaimsMapper.CreateIdentity(token, [], Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}

/// <summary>What the <c>/svc</c> and <c>/code</c> endpoints answer.</summary>
public sealed record AuthorizationAnswer(bool Succeeded, string? Outcome, string? Reason);

/// <summary>The requirement kinds and fine-grained checks as attributes on a controller.</summary>
[Route("mvc")]
public sealed class PolicyTestController : ControllerBase
{
    [HttpGet("policy"), Authorize(Policy = "posts:write")]
    public string Policy() => "ok";

    [HttpGet("roles"), Authorize(Roles = "admin")]
    public string Roles() => "ok";

    [HttpGet("permission"), RequireWorkOSPermission("posts:write")]
    public string Permission() => "ok";

    [HttpGet("permission-any"), RequireWorkOSPermission("users:manage", "reports:view", RequireAll = false)]
    public string AnyPermission() => "ok";

    [HttpGet("role"), RequireWorkOSRole("admin")]
    public string Role() => "ok";

    [HttpGet("entitlement"), RequireWorkOSEntitlement("audit-logs")]
    public string Entitlement() => "ok";

    [HttpGet("flag"), RequireWorkOSFeatureFlag("new-dashboard")]
    public string Flag() => "ok";

    [HttpGet("organization"), RequireWorkOSOrganization("org_acme")]
    public string Organization() => "ok";

    [HttpGet("not-impersonating"), RequireWorkOSNotImpersonating]
    public string NotImpersonating() => "ok";

    [HttpGet("recent"), RequireRecentWorkOSAuthentication(300)]
    public string Recent() => "ok";

    [HttpGet("open"), AllowAnonymous, RequireWorkOSRole("admin")]
    public string Open() => "ok";

    [HttpGet("reports/{id}"), RequireWorkOSCheck("report:view", "report")]
    public string Report(string id) => $"report {id}";

    [HttpGet("open-reports/{id}"), AllowAnonymous, RequireWorkOSCheck("report:view", "report")]
    public string OpenReport(string id) => $"report {id}";

    [HttpGet("resources/{resourceId}"), RequireWorkOSCheck("report:view", RouteValue = "resourceId")]
    public string Resource(string resourceId) => $"resource {resourceId}";
}
