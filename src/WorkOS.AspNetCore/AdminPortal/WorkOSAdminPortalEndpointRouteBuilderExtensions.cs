using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.AdminPortal;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the endpoint that sends an organization's admin to WorkOS's Admin Portal.</summary>
public static class WorkOSAdminPortalEndpointRouteBuilderExtensions
{
    /// <summary>The default path of the Admin Portal endpoint.</summary>
    public const string DefaultPattern = "/admin/portal";

    /// <summary>
    /// Maps <c>GET {pattern}/{intent}</c> (an intent of <see cref="WorkOSAdminPortalIntents"/>, such as
    /// <c>/admin/portal/sso</c>): asks WorkOS for an Admin Portal link of the signed-in session's organization and
    /// redirects to it. Put a policy on it with <c>.RequireAuthorization("...")</c> on the builder it returns: without
    /// one the endpoint answers 403 to everyone. Signed-out visitors are sent through sign-in; a session without an
    /// organization gets a 403 page; a WorkOS failure a 502 page. Answers are <c>Cache-Control: no-store</c>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The path prefix. Defaults to <see cref="DefaultPattern"/>.</param>
    /// <param name="configure">Sets the return and success paths, the portal hosts, the scheme.</param>
    /// <returns>The endpoint's convention builder, for the policy.</returns>
    /// <exception cref="OptionsValidationException">The options are invalid (a return or success path that is not a local path, say).</exception>
    public static IEndpointConventionBuilder MapWorkOSAdminPortal(this IEndpointRouteBuilder endpoints, string pattern = DefaultPattern,
        Action<WorkOSAdminPortalOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var options = new WorkOSAdminPortalOptions();
        configure?.Invoke(options);
        var validation = new WorkOSAdminPortalOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(WorkOSAdminPortalOptions), validation.Failures);
        }

        var endpoint = new AdminPortalEndpoint(options);
        return endpoints.MapGet(pattern.TrimEnd('/') + "/{" + AdminPortalEndpoint.IntentRouteValue + "}", (RequestDelegate)endpoint.HandleAsync)
            .WithDisplayName("WorkOS Admin Portal");
    }
}
