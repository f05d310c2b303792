using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using WorkOS.AspNetCore.Diagnostics;

namespace WorkOS.AspNetCore.Api;

/// <summary>
/// Registers the named client every WorkOS call uses (<see cref="WorkOSAuthKitDefaults.HttpClientName"/>): a 15 s
/// timeout, and redirects never followed, so the API key, codes, PKCE verifiers, refresh tokens and customers' API
/// keys reach WorkOS and no other host. Every call is measured and traced (<see cref="UpstreamTelemetryHandler"/>).
/// </summary>
internal static class WorkOSHttpClientRegistration
{
    /// <summary>Adds the client once, however many features ask for it.</summary>
    public static IServiceCollection AddWorkOSHttpClient(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(WorkOSHttpClientMarker)))
        {
            return services;
        }

        services.AddSingleton<WorkOSHttpClientMarker>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WorkOSMetrics>();
        services.TryAddTransient<UpstreamTelemetryHandler>();
        services.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15))
            .AddHttpMessageHandler<UpstreamTelemetryHandler>();

        // The default primary handler, first, so an app (or a test) that configures its own still wins...
        services.Configure<HttpClientFactoryOptions>(WorkOSAuthKitDefaults.HttpClientName, options =>
            options.HttpMessageHandlerBuilderActions.Insert(0, builder =>
                builder.PrimaryHandler = new SocketsHttpHandler { AllowAutoRedirect = false }));

        // ...but whatever handler it configures does not follow redirects either.
        services.PostConfigure<HttpClientFactoryOptions>(WorkOSAuthKitDefaults.HttpClientName, options =>
            options.HttpMessageHandlerBuilderActions.Add(builder => DisableRedirects(builder.PrimaryHandler)));
        return services;
    }

    private static void DisableRedirects(HttpMessageHandler handler)
    {
        try
        {
            switch (handler)
            {
                case SocketsHttpHandler { AllowAutoRedirect: true } sockets:
                    sockets.AllowAutoRedirect = false;
                    break;
                case HttpClientHandler { AllowAutoRedirect: true } classic:
                    classic.AllowAutoRedirect = false;
                    break;
            }
        }
        catch (InvalidOperationException)
        {
            // A handler the app shares and has already used cannot change; the client refuses any 3xx it hands back.
        }
    }

    private sealed class WorkOSHttpClientMarker;
}
