using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using WorkOS.AspNetCore;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Endpoints;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the AuthKit endpoints: sign-in, sign-up and sign-out.</summary>
public static class WorkOSAuthKitEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET {prefix}/sign-in</c> (also usable as WorkOS's "sign-in endpoint" / initiate_login_uri),
    /// <c>GET {prefix}/sign-up</c>, <c>POST {prefix}/sign-out</c> (GET too when
    /// <see cref="WorkOSAuthKitOptions.AllowGetSignOut"/> is set) and <c>POST {prefix}/switch-organization</c>. All allow anonymous access.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="prefix">The path prefix. Defaults to <c>/auth</c>.</param>
    /// <param name="authenticationScheme">The AuthKit scheme to challenge. Defaults to <see cref="WorkOSAuthKitDefaults.AuthenticationScheme"/>.</param>
    /// <returns>The route group, for further conventions.</returns>
    public static RouteGroupBuilder MapWorkOSAuthKit(this IEndpointRouteBuilder endpoints, string prefix = WorkOSAuthKitDefaults.EndpointPrefix,
        string authenticationScheme = WorkOSAuthKitDefaults.AuthenticationScheme)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(prefix);
        group.AllowAnonymous();
        group.WithTags("WorkOS AuthKit");

        group.MapGet("/sign-in", (HttpContext context) =>
                SignInRequest.Challenge(context, authenticationScheme, screenHint: null))
            .WithName($"{authenticationScheme}.SignIn");
        group.MapGet("/sign-up", (HttpContext context) =>
                SignInRequest.Challenge(context, authenticationScheme, screenHint: "sign-up"))
            .WithName($"{authenticationScheme}.SignUp");
        group.MapMethods("/sign-out", [HttpMethods.Post, HttpMethods.Get], (RequestDelegate)(context => SignOutRequest.HandleAsync(context, authenticationScheme)))
            .WithName($"{authenticationScheme}.SignOut")
            .DisableAntiforgery(); // validated explicitly in the handler, also for apps without the antiforgery middleware
        group.MapPost("/switch-organization", (RequestDelegate)(context => OrganizationSwitchRequest.HandleAsync(context, authenticationScheme)))
            .WithName($"{authenticationScheme}.SwitchOrganization")
            .DisableAntiforgery();
        return group;
    }
}
