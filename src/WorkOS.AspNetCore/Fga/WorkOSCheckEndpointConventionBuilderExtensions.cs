using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Fga;

namespace Microsoft.AspNetCore.Builder;

/// <summary>WorkOS fine-grained checks on minimal API endpoints and route groups.</summary>
public static class WorkOSCheckEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires WorkOS to authorize <paramref name="permission"/> on the resource of type
    /// <paramref name="resourceType"/> whose id in the app (WorkOS external id) <paramref name="resourceId"/> returns:
    /// <code>
    /// app.MapGet("/reports/{id}", ...)
    ///    .RequireWorkOSCheck("report:view", resourceType: "report", resourceId: ctx => ctx.HttpContext.GetRouteValue("id")?.ToString());
    /// </code>
    /// Anonymous requests get the challenge; a session without organization, a user who is not a member, or a denied
    /// check get 403 with a ProblemDetails body; a WorkOS error or timeout gets 503. Identical checks in one request
    /// make one WorkOS call.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The endpoint or route group.</param>
    /// <param name="permission">The permission slug, for example <c>report:view</c>.</param>
    /// <param name="resourceType">The resource type slug, for example <c>report</c>.</param>
    /// <param name="resourceId">Returns the app's id of the resource; null or empty denies.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireWorkOSCheck<TBuilder>(this TBuilder builder, string permission, string resourceType,
        Func<EndpointFilterInvocationContext, string?> resourceId)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceType);
        ArgumentNullException.ThrowIfNull(resourceId);
        return builder.RequireWorkOSCheck(permission, context => WorkOSResource.TryFromExternalId(resourceType, resourceId(context)));
    }

    /// <summary>
    /// Requires WorkOS to authorize <paramref name="permission"/> on the resource of type <paramref name="resourceType"/>
    /// whose id in the app (WorkOS external id) is the route value <paramref name="routeValue"/>:
    /// <c>app.MapGet("/reports/{id}", ...).RequireWorkOSCheck("report:view", "report", routeValue: "id")</c>.
    /// Responses as for the other overloads.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The endpoint or route group.</param>
    /// <param name="permission">The permission slug.</param>
    /// <param name="resourceType">The resource type slug.</param>
    /// <param name="routeValue">The name of the route value holding the resource's external id.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireWorkOSCheck<TBuilder>(this TBuilder builder, string permission, string resourceType, string routeValue)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(routeValue);
        return builder.RequireWorkOSCheck(permission, resourceType, context => context.HttpContext.GetRouteValue(routeValue)?.ToString());
    }

    /// <summary>
    /// Requires WorkOS to authorize <paramref name="permission"/> on the resource <paramref name="resource"/> returns,
    /// by WorkOS id or by external id:
    /// <code>
    /// group.RequireWorkOSCheck("report:edit", ctx => WorkOSResource.TryFromId(ctx.HttpContext.GetRouteValue("resourceId")?.ToString()));
    /// </code>
    /// A null resource denies (403): build it with <see cref="WorkOSResource.TryFromId"/> or
    /// <see cref="WorkOSResource.TryFromExternalId"/> from values of the request, which give null for a blank value.
    /// The delegate is the app's code: an exception it throws (<see cref="WorkOSResource.FromId"/>'s for a blank id
    /// included) is not caught, and reaches the app's exception handling. Responses as for the other overloads.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The endpoint or route group.</param>
    /// <param name="permission">The permission slug.</param>
    /// <param name="resource">Returns the resource to check.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireWorkOSCheck<TBuilder>(this TBuilder builder, string permission,
        Func<EndpointFilterInvocationContext, WorkOSResource?> resource)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(permission);
        ArgumentNullException.ThrowIfNull(resource);
        builder.AddEndpointFilterFactory((factoryContext, next) =>
        {
            var evaluator = factoryContext.ApplicationServices.GetService<WorkOSCheckEvaluator>()
                ?? throw new InvalidOperationException(
                    "RequireWorkOSCheck needs WorkOS authorization services: call services.AddWorkOSAuthKit(...) or services.AddWorkOSAuthorization().");
            return async invocation =>
            {
                var httpContext = invocation.HttpContext;
                var decision = await evaluator.EvaluateAsync(httpContext, httpContext.User, permission, resource(invocation))
                    .ConfigureAwait(false);
                return decision.Outcome == WorkOSCheckOutcome.Allowed
                    ? await next(invocation).ConfigureAwait(false)
                    : WorkOSCheckResults.ToResult(decision);
            };
        });
        return builder;
    }
}
