using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.Pages;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// Admin Portal: <c>POST /portal/generate_link {organization, intent, return_url?, success_url?}</c> (API key) →
/// <c>{link}</c>, a link to <c>GET /portal/{token}</c> on the emulator, a page that shows the organization and the
/// intent and leads back to the app. Links stop working five minutes after they are generated, as WorkOS's do.
/// </summary>
internal static class PortalEndpoints
{
    public const string PagePrefix = "/portal/";

    /// <summary>How long a portal link works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>The intents of <c>GenerateLinkIntent</c> in WorkOS's SDKs.</summary>
    public static readonly IReadOnlyList<string> Intents =
        ["sso", "dsync", "audit_logs", "log_streams", "domain_verification", "certificate_renewal", "bring_your_own_key"];

    public static Task GenerateLinkAsync(HttpContext context, EmulatorCore core)
    {
        var fields = RequestFields.Get(context);
        if (fields.IsMalformed)
        {
            return RefuseAsync(context, core, "body", "body must be a JSON object or a form");
        }

        if (fields["organization"] is not { } organizationId)
        {
            return RefuseAsync(context, core, "organization", "organization is required");
        }

        var intent = fields["intent"];
        if (intent is null || !Intents.Contains(intent, StringComparer.Ordinal))
        {
            return RefuseAsync(context, core, "intent", $"intent must be one of {string.Join(", ", Intents)}");
        }

        var returnUrl = fields["return_url"];
        var successUrl = fields["success_url"];
        if (returnUrl is not null && !IsWebUrl(returnUrl))
        {
            return RefuseAsync(context, core, "return_url", "return_url must be an absolute http or https URL");
        }

        if (successUrl is not null && !IsWebUrl(successUrl))
        {
            return RefuseAsync(context, core, "success_url", "success_url must be an absolute http or https URL");
        }

        if (core.Store.CreatePortalLink(organizationId, intent, returnUrl, successUrl, Lifetime) is not { } link)
        {
            var message = $"Organization not found: '{organizationId}'.";
            WidgetPortalLog.PortalLinkRefused(WidgetEndpoints.Logger(core), StatusCodes.Status404NotFound, "entity_not_found", message);
            return Responses.NotFoundAsync(context, message);
        }

        WidgetPortalLog.PortalLinkGenerated(WidgetEndpoints.Logger(core), link.OrganizationId, link.Intent, link.ExpiresAt);
        var url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{PagePrefix}{Uri.EscapeDataString(link.Token)}";
        return Responses.JsonAsync(context, StatusCodes.Status201Created, new PortalLinkDto(url), WidgetPortalJsonContext.Default.PortalLinkDto);
    }

    public static Task PageAsync(HttpContext context, EmulatorCore core)
    {
        var token = context.Request.RouteValues["token"] as string ?? "";
        var link = core.Store.FindPortalLink(token);
        if (link is null)
        {
            return PageErrorAsync(context, core, StatusCodes.Status404NotFound, "This Admin Portal link is not valid.");
        }

        if (link.ExpiresAt <= core.Time.GetUtcNow())
        {
            return PageErrorAsync(context, core, StatusCodes.Status410Gone, "This Admin Portal link has expired; links work for five minutes. Ask the app for a new one.");
        }

        return Responses.HtmlAsync(context, StatusCodes.Status200OK, PortalPage.Render(link));
    }

    /// <summary>An absolute http or https URL: the only kind the portal page renders as a link.</summary>
    private static bool IsWebUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static Task RefuseAsync(HttpContext context, EmulatorCore core, string field, string requirement)
    {
        WidgetPortalLog.PortalLinkRefused(WidgetEndpoints.Logger(core), StatusCodes.Status422UnprocessableEntity, "invalid_request_parameters", requirement);
        return WidgetEndpoints.ValidationFailedAsync(context, field, requirement);
    }

    private static Task PageErrorAsync(HttpContext context, EmulatorCore core, int status, string message)
    {
        WidgetPortalLog.PortalPageRefused(WidgetEndpoints.Logger(core), status, message);
        return Responses.HtmlAsync(context, status, MessagePage.Error("Admin Portal", message));
    }
}
