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
    /// <c>GET {prefix}/sign-up</c> and <c>POST {prefix}/sign-out</c>. All allow anonymous access.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="prefix">The path prefix. Defaults to <c>/auth</c>.</param>
    /// <param name="authenticationScheme">The AuthKit scheme to challenge. Defaults to <see cref="WorkOSAuthKitDefaults.AuthenticationScheme"/>.</param>
    /// <param name="cookieScheme">The session cookie scheme to sign out of. Defaults to <see cref="WorkOSAuthKitDefaults.CookieScheme"/>.</param>
    /// <returns>The route group, for further conventions.</returns>
    public static RouteGroupBuilder MapWorkOSAuthKit(this IEndpointRouteBuilder endpoints, string prefix = WorkOSAuthKitDefaults.EndpointPrefix,
        string authenticationScheme = WorkOSAuthKitDefaults.AuthenticationScheme, string cookieScheme = WorkOSAuthKitDefaults.CookieScheme)
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
        group.MapPost("/sign-out", (Func<HttpContext, Task<IResult>>)(context => SignOutRequest.HandleAsync(context, authenticationScheme, cookieScheme)))
            .WithName($"{authenticationScheme}.SignOut")
            .DisableAntiforgery(); // validated explicitly in the handler, also for apps without the antiforgery middleware
        return group;
    }
}
