using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Tests.Connect;

public sealed class ClientCredentialsTests
{
    private static ServiceProvider Services(ConnectTestApp app, Action<WorkOS.AspNetCore.Connect.WorkOSClientCredentialsOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(app.Logs));
        services.AddSingleton<TimeProvider>(app.Clock);
        services.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).ConfigurePrimaryHttpMessageHandler(app.Emulator.CreateHandler);
        services.AddHttpClient("reports", c => c.BaseAddress = new Uri("http://localhost/"))
            .ConfigurePrimaryHttpMessageHandler(() => app.App.GetTestServer().CreateHandler())
            .AddWorkOSClientCredentials(o =>
            {
                o.ClientId = ConnectTestApp.M2MClientId;
                o.ClientSecret = ConnectTestApp.M2MSecret;
                o.Domain = app.Emulator.ConnectDomain;
                o.AllowHttpTokenEndpoint = true;
                o.Scopes.Add("posts:write");
                configure?.Invoke(o);
            });
        return services.BuildServiceProvider();
    }

    private static int TokenCalls(ConnectTestApp app) => app.Emulator.CountRequests("POST", "/oauth2/token");

    [Fact]
    public async Task Calls_carry_a_token_that_is_reused_until_shortly_before_expiry()
    {
        await using var app = await ConnectTestApp.StartAsync();
        await using var services = Services(app);
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient("reports");

        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsync("/api/posts", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, TokenCalls(app));
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(1)); // 5-minute tokens, replaced 60 s before
        using var later = await http.PostAsync("/api/posts", null);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(2, TokenCalls(app));
    }

    [Fact]
    public async Task Twenty_concurrent_calls_share_one_token_request()
    {
        await using var app = await ConnectTestApp.StartAsync();
        await using var services = Services(app);
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient("reports");
        app.Emulator.InjectFault("POST", "/oauth2/token", 0, latency: TimeSpan.FromSeconds(1));

        var calls = Enumerable.Range(0, 20).Select(_ => http.PostAsync("/api/posts", null)).ToArray();
        await app.Emulator.WaitForDelayedRequestsAsync("POST", "/oauth2/token");
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, TokenCalls(app));
    }

    [Fact]
    public async Task A_401_from_the_api_is_retried_once_with_a_fresh_token()
    {
        await using var app = await ConnectTestApp.StartAsync();
        await using var services = Services(app);
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient("reports");
        // The first token the client gets is one the API refuses.
        app.Emulator.InjectFault("POST", "/oauth2/token", 200, "{\"access_token\":\"not-a-token\",\"expires_in\":3600}");
        using var retried = await http.PostAsync("/api/posts", null);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(2, TokenCalls(app));
        Assert.True(app.Logged(1062));
    }

    [Fact]
    public async Task A_refused_fresh_token_is_not_retried_again()
    {
        await using var app = await ConnectTestApp.StartAsync(o =>
        {
            o.Audiences.Clear();
            o.Audiences.Add("https://api.other.example"); // an audience the tokens never carry
        });
        await using var services = Services(app);
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient("reports");
        using var response = await http.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(2, TokenCalls(app));
    }

    [Fact]
    public async Task Token_endpoint_down_fails_the_call_without_reaching_the_api_and_is_not_cached()
    {
        await using var app = await ConnectTestApp.StartAsync();
        await using var services = Services(app);
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient("reports");
        app.Emulator.InjectFault("POST", "/oauth2/token", 503);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync("/api/posts", null));
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.True(app.Logged(1061));

        using var recovered = await http.PostAsync("/api/posts", null);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(2, TokenCalls(app));
    }

    [Fact]
    public async Task Basic_client_authentication_gets_a_token_without_the_secret_in_the_body()
    {
        await using var app = await ConnectTestApp.StartAsync();
        await using var services = Services(app, o => o.UseBasicAuthentication = true);
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient("reports");
        using var response = await http.PostAsync("/api/posts", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, TokenCalls(app));
    }
}
