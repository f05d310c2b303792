using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkOS.AspNetCore.Webhooks;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the WorkOS webhook endpoint.</summary>
public static class WorkOSWebhookEndpoints
{
    /// <summary>The default path of the webhook endpoint.</summary>
    public const string DefaultPath = "/webhooks/workos";

    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c>: verifies <c>WorkOS-Signature</c> on the raw body and queues the
    /// event for the handlers registered with <c>AddWorkOSWebhooks()</c>. The endpoint allows anonymous callers (the
    /// signature is its authentication); add rate limits or other conventions to the builder it returns.
    /// </summary>
    public static IEndpointConventionBuilder MapWorkOSWebhooks(this IEndpointRouteBuilder endpoints, string pattern = DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        return endpoints.MapPost(pattern, WebhookEndpoint.HandleAsync)
            .AllowAnonymous()
            .WithDisplayName("WorkOS webhooks");
    }
}
