using Microsoft.Extensions.DependencyInjection;

namespace WorkOS.AspNetCore.Tests.Api;

/// <summary>The named client every WorkOS call uses, however the app registered the library.</summary>
public sealed class WorkOSHttpClientTests
{
    public static TheoryData<string> Registrations => new() { "authkit", "bearer", "api_key", "authorization_only", "everything" };

    private static ServiceProvider Build(string registration, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        switch (registration)
        {
            case "authkit":
                services.AddWorkOSAuthKit(o => { o.ClientId = "client_x"; o.ApiKey = "sk_test_x"; });
                break;
            case "bearer":
                services.AddAuthentication().AddWorkOSBearer(o => o.ClientId = "client_x");
                break;
            case "api_key":
                services.AddAuthentication().AddWorkOSApiKey(o => o.ApiKey = "sk_test_x");
                break;
            case "authorization_only":
                services.AddWorkOSAuthorization();
                break;
            default:
                services.AddWorkOSAuthorization();
                services.AddWorkOSAuthKit(o => { o.ClientId = "client_x"; o.ApiKey = "sk_test_x"; })
                    .AddWorkOSApiSchemes(o => o.ClientId = "client_x", o => o.ApiKey = "sk_test_x");
                break;
        }

        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    private static HttpMessageHandler PrimaryHandler(ServiceProvider provider)
    {
        HttpMessageHandler handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(WorkOSAuthKitDefaults.HttpClientName);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        return handler;
    }

    [Theory]
    [MemberData(nameof(Registrations))]
    public void Workos_client_does_not_follow_redirects_and_times_out_after_15_seconds(string registration)
    {
        using var provider = Build(registration);

        var primary = Assert.IsType<SocketsHttpHandler>(PrimaryHandler(provider));
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(WorkOSAuthKitDefaults.HttpClientName);

        Assert.False(primary.AllowAutoRedirect);
        Assert.Equal(TimeSpan.FromSeconds(15), client.Timeout);
    }

    [Fact]
    public void Primary_handler_an_app_configures_is_kept_but_does_not_follow_redirects()
    {
        var proxy = new System.Net.WebProxy("http://proxy.example:8080");
        using var provider = Build("authkit", services => services.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { Proxy = proxy, AllowAutoRedirect = true }));

        var primary = Assert.IsType<HttpClientHandler>(PrimaryHandler(provider));

        Assert.Same(proxy, primary.Proxy);
        Assert.False(primary.AllowAutoRedirect);
    }
}
