using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using System.Net.Http.Json;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Diagnostics;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.AdminPortal;

/// <summary>
/// <c>GET {pattern}/{intent}</c>: sends the signed-in admin to an Admin Portal link of the organization of their
/// session (never one named by the request). Fails closed: no authorization policy on the endpoint, an unknown
/// intent, no organization, a WorkOS failure or a link off the portal hosts each get a page and a log line, never a
/// redirect. GET changes nothing in the app (WorkOS issues a short-lived link), so it needs no antiforgery token.
/// </summary>
internal sealed class AdminPortalEndpoint(WorkOSAdminPortalOptions options)
{
    public const string IntentRouteValue = "intent";

    private static readonly WorkOSEndpoint GenerateLink = new("WorkOS Admin Portal link", "/portal/generate_link");

    private readonly string[] _linkHosts = [.. options.LinkHosts];
    private readonly string? _returnPath = options.ReturnPath;
    private readonly string? _successPath = options.SuccessPath;
    private readonly string _scheme = options.AuthenticationScheme;

    public async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("WorkOS.AspNetCore.AdminPortal");
        context.Response.Headers.CacheControl = "no-store";

        if (!HasPolicy(context.GetEndpoint()))
        {
            logger.PortalWithoutPolicy(LogValue.Caller(context.Request.Path.Value ?? "/"));
            await HtmlMessagePage.WriteAsync(context, StatusCodes.Status403Forbidden, "Admin Portal unavailable",
                "This Admin Portal endpoint has no authorization policy, so it opens for no one.");
            return;
        }

        var intent = context.Request.RouteValues[IntentRouteValue] as string ?? string.Empty;
        if (!WorkOSAdminPortalIntents.All.Contains(intent))
        {
            logger.PortalUnknownIntent(LogValue.Caller(intent, 100));
            await HtmlMessagePage.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", "There is no such Admin Portal page.");
            return;
        }

        var session = services.GetRequiredService<ISessionSettingsSource>().Get(_scheme);
        var current = await context.AuthenticateAsync(session.SignInScheme);
        if (!current.Succeeded || current.Principal.GetWorkOSUserId() is not { Length: > 0 } userId)
        {
            logger.PortalNotSignedIn(_scheme);
            var request = context.Request;
            await context.ChallengeAsync(_scheme, new WorkOSChallengeProperties(request.PathBase + request.Path + request.QueryString));
            return;
        }

        if (current.Principal.GetOrganizationId() is not { Length: > 0 } organizationId)
        {
            logger.PortalNoOrganization(userId);
            await HtmlMessagePage.WriteAsync(context, StatusCodes.Status403Forbidden, "No organization",
                "Your session is not in an organization. Switch to the organization you administer, then open the Admin Portal again.");
            return;
        }

        var api = WorkOSApiClient.Create(services.GetRequiredService<IHttpClientFactory>(), session.Api, logger, services.GetService<TimeProvider>());
        string? link;
        try
        {
            using var message = GenerateLink.Tag(new HttpRequestMessage(HttpMethod.Post, session.Api.Url("portal/generate_link"))
            {
                Content = JsonContent.Create(new PortalLinkRequest
                {
                    Organization = organizationId,
                    Intent = intent,
                    ReturnUrl = Absolute(context.Request, _returnPath),
                    SuccessUrl = Absolute(context.Request, _successPath),
                }, AdminPortalJsonContext.Default.PortalLinkRequest),
            });
            link = (await api.SendAsync(message, AdminPortalJsonContext.Default.PortalLinkResponse, authenticated: true, context.RequestAborted)).Link;
        }
        catch (WorkOSApiException ex)
        {
            logger.PortalLinkFailed(organizationId, intent, (int?)ex.StatusCode, LogValue.Caller(ex.ErrorCode), ex);
            await HtmlMessagePage.WriteAsync(context, StatusCodes.Status502BadGateway, "Admin Portal unavailable", ex.IsTransient
                ? "WorkOS could not be reached for an Admin Portal link. Try again in a moment."
                : "WorkOS refused to open the Admin Portal for this organization.");
            return;
        }

        if (!IsPortalLink(link, session.Api.BaseUrl, out var target))
        {
            logger.PortalLinkRefused(LinkForLog(link), string.Join(", ", _linkHosts));
            await HtmlMessagePage.WriteAsync(context, StatusCodes.Status502BadGateway, "Admin Portal unavailable",
                "WorkOS answered with a link this app does not follow.");
            return;
        }

        logger.PortalLinkIssued(userId, organizationId, intent, target.Authority);
        context.Response.Redirect(target.AbsoluteUri);
    }

    /// <summary>
    /// Whether the endpoint is behind a policy the app chose: authorization metadata, and nothing that lets anonymous
    /// callers through: <c>RequireAuthorization</c>, an <c>[Authorize]</c>-style attribute, or a requirement attribute such
    /// as <c>RequireWorkOSRoleAttribute</c> added with <c>WithMetadata</c>. Without one every signed-in member would reach
    /// their organization's Admin Portal.
    /// </summary>
    private static bool HasPolicy(Endpoint? endpoint) =>
        endpoint is not null
        && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null
        && (endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null
            || endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null
            || endpoint.Metadata.GetMetadata<IAuthorizationRequirementData>() is not null);

    /// <summary>A path of the app (checked at startup) as an absolute URL on the request's scheme and host, under the path base.</summary>
    private static string? Absolute(HttpRequest request, string? path) =>
        path is not null && ReturnUrls.TryResolve(request.PathBase, path, out var resolved)
            ? $"{request.Scheme}://{request.Host.ToUriComponent()}{resolved}"
            : null;

    /// <summary>An absolute https link on a portal host, or a link on the API base URL's own origin (a WorkOS stand-in serves its portal itself).</summary>
    private bool IsPortalLink(string? link, Uri apiBaseUrl, out Uri target)
    {
        if (link is null || link.Length > 8192 || !Uri.TryCreate(link, UriKind.Absolute, out target!) || !IsHttp(target) || target.UserInfo.Length > 0)
        {
            target = null!;
            return false;
        }

        var host = target.IdnHost;
        var onPortalHost = target.Scheme == Uri.UriSchemeHttps && target.IsDefaultPort
            && _linkHosts.Any(h => string.Equals(h, host, StringComparison.OrdinalIgnoreCase));
        var onApiOrigin = target.Scheme == apiBaseUrl.Scheme && target.Port == apiBaseUrl.Port
            && string.Equals(host, apiBaseUrl.IdnHost, StringComparison.OrdinalIgnoreCase);
        return onPortalHost || onApiOrigin;
    }

    private static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp;

    /// <summary>Where a refused link pointed, without its query (it carries the portal token).</summary>
    private static string LinkForLog(string? link) =>
        link is null ? "(no link)"
        : Uri.TryCreate(link, UriKind.Absolute, out var uri) && IsHttp(uri)
            ? LogValue.Caller(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped))
            : "(not an absolute http(s) URL)";
}
