using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace WorkOS.AspNetCore.Fga;

/// <summary>
/// Requires a WorkOS fine-grained check before an MVC action or a Razor page runs, with the resource id taken from a
/// route value:
/// <code>
/// [RequireWorkOSCheck("report:view", "report", RouteValue = "id")]   // external id form: /reports/{id}
/// [RequireWorkOSCheck("report:view", RouteValue = "resourceId")]     // WorkOS resource id form
/// </code>
/// Anonymous requests get the challenge; a session without organization, a user who is not a member, or a denied
/// check get 403 with a ProblemDetails body; a WorkOS error or timeout gets 503. Identical checks in one request
/// make one WorkOS call. On a Razor page, put it on the page model class. <c>[AllowAnonymous]</c> does not skip it: a
/// resource check that is declared always runs.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class RequireWorkOSCheckAttribute : Attribute, IAsyncAuthorizationFilter
{
    /// <summary>Checks the resource whose WorkOS resource id is the route value <see cref="RouteValue"/>.</summary>
    /// <param name="permission">The permission slug, for example <c>report:view</c>.</param>
    public RequireWorkOSCheckAttribute(string permission)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permission);
        Permission = permission;
    }

    /// <summary>Checks the resource of type <paramref name="resourceType"/> whose app id (external id) is the route value <see cref="RouteValue"/>.</summary>
    /// <param name="permission">The permission slug, for example <c>report:view</c>.</param>
    /// <param name="resourceType">The resource type slug, for example <c>report</c>.</param>
    public RequireWorkOSCheckAttribute(string permission, string resourceType)
        : this(permission)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceType);
        ResourceType = resourceType;
    }

    /// <summary>The permission slug.</summary>
    public string Permission { get; }

    /// <summary>The resource type slug; <see langword="null"/> when the route value holds a WorkOS resource id.</summary>
    public string? ResourceType { get; }

    /// <summary>The route value holding the resource id. Defaults to <c>id</c>.</summary>
    public string RouteValue { get; set; } = "id";

    /// <inheritdoc />
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Result is not null)
        {
            return;
        }

        var httpContext = context.HttpContext;
        var evaluator = httpContext.RequestServices.GetService<WorkOSCheckEvaluator>()
            ?? throw new InvalidOperationException(
                "[RequireWorkOSCheck] needs WorkOS authorization services: call services.AddWorkOSAuthKit(...) or services.AddWorkOSAuthorization().");
        var id = httpContext.GetRouteValue(RouteValue)?.ToString();
        var resource = ResourceType is null ? WorkOSResource.TryFromId(id) : WorkOSResource.TryFromExternalId(ResourceType, id);
        var decision = await evaluator.EvaluateAsync(httpContext, httpContext.User, Permission, resource).ConfigureAwait(false);
        if (decision.Outcome != WorkOSCheckOutcome.Allowed)
        {
            context.Result = new HttpResultActionResult(WorkOSCheckResults.ToResult(decision));
        }
    }
}
