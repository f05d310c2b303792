using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Session;

public sealed class DownstreamTokenTests
{
    /// <summary>Records the Authorization header of every call the app's downstream client makes.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<string?> Authorizations { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorizations.Add(request.Headers.Authorization?.ToString());
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }

    /// <summary>An app whose <c>/call-reports</c> calls a downstream API through a client with <c>AddWorkOSAccessToken()</c>.</summary>
    private static Task<AuthKitTestApp> StartWithDownstreamAsync(RecordingHandler downstream) => AuthKitTestApp.StartAsync(
        services: s => s.AddHttpClient("reports", c => c.BaseAddress = new Uri("http://reports.test/"))
            .AddWorkOSAccessToken()
            .ConfigurePrimaryHttpMessageHandler(() => downstream),
        map: web => web.MapGet("/call-reports", async (IHttpClientFactory factory) =>
        {
            var response = await factory.CreateClient("reports").GetAsync("q3");
            return (int)response.StatusCode;
        }));

    [Fact]
    public async Task Downstream_client_gets_a_valid_token_refreshed_before_it_expires()
    {
        var downstream = new RecordingHandler();
        await using var app = await StartWithDownstreamAsync(downstream);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        await browser.GetAsync("/call-reports");
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));
        await browser.GetAsync("/call-reports");

        Assert.Equal(2, downstream.Authorizations.Count);
        Assert.All(downstream.Authorizations, a => Assert.StartsWith("Bearer eyJ", a, StringComparison.Ordinal));
        Assert.NotEqual(downstream.Authorizations[0], downstream.Authorizations[1]);
        var second = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(downstream.Authorizations[1]!["Bearer ".Length..]);
        Assert.True(second.ValidTo > app.Clock.GetUtcNow().UtcDateTime.AddMinutes(4)); // never a token about to expire
    }

    [Fact]
    public async Task Anonymous_request_sends_no_token_downstream()
    {
        var downstream = new RecordingHandler();
        await using var app = await StartWithDownstreamAsync(downstream);
        using var browser = app.CreateBrowser();

        await browser.GetAsync("/call-reports");

        Assert.Equal([null], downstream.Authorizations);
    }
}
