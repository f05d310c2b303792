using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Connect;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the endpoints of WorkOS Connect APIs.</summary>
public static class WorkOSConnectEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves the RFC 9728 protected-resource metadata of a Connect scheme at <c>/.well-known/oauth-protected-resource</c>
    /// (after the host, before the path of <see cref="WorkOSConnectOptions.Resource"/> when it has one): the resource,
    /// the AuthKit domain as its authorization server, <see cref="WorkOSConnectOptions.ScopesSupported"/> and the
    /// <c>header</c> bearer method. Anonymous; MCP clients read it from the <c>resource_metadata</c> of the scheme's 401s.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="authenticationScheme">The Connect scheme whose settings it describes.</param>
    /// <returns>The endpoint's convention builder.</returns>
    public static IEndpointConventionBuilder MapWorkOSProtectedResourceMetadata(this IEndpointRouteBuilder endpoints,
        string authenticationScheme = WorkOSConnectDefaults.AuthenticationScheme)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptionsMonitor<WorkOSConnectOptions>>();
        return endpoints.MapGet(ConnectChallenge.MetadataPath(options.Get(authenticationScheme)), (HttpContext context) =>
        {
            var current = options.Get(authenticationScheme);
            var request = context.Request;
            var resource = current.Resource ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Json(new ProtectedResourceMetadata(resource, [current.Domain.TrimEnd('/')], [.. current.ScopesSupported], ["header"]),
                ConnectJsonContext.Default.ProtectedResourceMetadata);
        }).AllowAnonymous().WithDisplayName("WorkOS protected-resource metadata");
    }

    /// <summary>
    /// Makes the Connect scheme check the token with the AuthKit domain's introspection endpoint on these endpoints, so
    /// a revoked token is refused at once.
    /// </summary>
    /// <typeparam name="TBuilder">The builder type.</typeparam>
    /// <param name="builder">The endpoints.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireWorkOSIntrospection<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new RequireWorkOSIntrospectionAttribute());
        return builder;
    }
}
