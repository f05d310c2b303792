using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore;
using WorkOS.AspNetCore.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Attaches WorkOS access tokens to <see cref="System.Net.Http.HttpClient"/> calls.</summary>
public static class WorkOSHttpClientBuilderExtensions
{
    /// <summary>
    /// Sends the signed-in user's access token (refreshed first when near expiry) as <c>Authorization: Bearer</c>
    /// on every request of this client made while handling an HTTP request.
    /// </summary>
    /// <param name="builder">The HTTP client builder.</param>
    /// <param name="authenticationScheme">The AuthKit scheme. Defaults to <see cref="WorkOSAuthKitDefaults.AuthenticationScheme"/>.</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddWorkOSAccessToken(this IHttpClientBuilder builder, string authenticationScheme = WorkOSAuthKitDefaults.AuthenticationScheme)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpContextAccessor();
        return builder.AddHttpMessageHandler(sp => new WorkOSAccessTokenHandler(sp.GetRequiredService<IHttpContextAccessor>(), authenticationScheme));
    }
}
