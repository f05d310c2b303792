using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Actions;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the AuthKit Actions endpoint.</summary>
public static class WorkOSActionEndpoints
{
    /// <summary>The default path of the Actions endpoint.</summary>
    public const string DefaultPath = "/actions/workos";

    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> for AuthKit Actions: verifies <c>WorkOS-Signature</c> on the raw body,
    /// hands the typed context to the handler for its kind, and answers with the signed verdict WorkOS expects. One URL
    /// serves both kinds (the body says which), so the same URL can be set for both actions in the WorkOS dashboard; a
    /// kind without a handler is refused. The endpoint allows anonymous callers (the signature is its authentication);
    /// add rate limits or other conventions to the builder it returns.
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="pattern">The route, such as <see cref="DefaultPath"/>.</param>
    /// <param name="configure">Sets the handlers: <see cref="WorkOSActionHandlers.OnAuthentication(Func{WorkOSAuthenticationActionContext, HttpContext, WorkOSActionVerdict})"/>, <see cref="WorkOSActionHandlers.OnUserRegistration(Func{WorkOSUserRegistrationActionContext, HttpContext, WorkOSActionVerdict})"/>.</param>
    /// <exception cref="InvalidOperationException"><c>AddWorkOSActions()</c> was not called, or <paramref name="configure"/> set no handler.</exception>
    public static IEndpointConventionBuilder MapWorkOSActions(this IEndpointRouteBuilder endpoints, string pattern, Action<WorkOSActionHandlers> configure)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentNullException.ThrowIfNull(configure);
        var endpoint = endpoints.ServiceProvider.GetService<ActionEndpoint>()
            ?? throw new InvalidOperationException("MapWorkOSActions needs services.AddWorkOSActions() first.");
        var handlers = new WorkOSActionHandlers();
        configure(handlers);
        if (handlers.Authentication is null && handlers.UserRegistration is null)
        {
            throw new InvalidOperationException("MapWorkOSActions needs a handler: call OnAuthentication or OnUserRegistration.");
        }

        return endpoints.MapPost(pattern, context => endpoint.HandleAsync(context, handlers))
            .AllowAnonymous()
            .WithDisplayName("WorkOS actions");
    }
}
