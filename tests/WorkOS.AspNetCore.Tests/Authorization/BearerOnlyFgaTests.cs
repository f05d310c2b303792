using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;

namespace WorkOS.AspNetCore.Tests.Authorization;

/// <summary>An app with no AuthKit scheme (tokens only): AddWorkOSAuthorization alone, the API key from configuration.</summary>
public sealed class BearerOnlyFgaTests
{
    [Theory]
    [InlineData(true, HttpStatusCode.OK)]
    [InlineData(false, HttpStatusCode.ServiceUnavailable)]
    public async Task Checks_use_the_configured_api_key_and_fail_closed_without_one(bool configureApiKey, HttpStatusCode expected)
    {
        await using var emulator = WorkOSEmulator.CreateInProcess();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        if (configureApiKey)
        {
            builder.Configuration["WorkOS:ApiKey"] = emulator.ApiKey;
            builder.Configuration["WorkOS:ApiBaseUrl"] = emulator.BaseUrl.ToString();
        }

        builder.Services.AddAuthentication(AuthorizationTestApp.TokenScheme)
            .AddScheme<AuthenticationSchemeOptions, AuthorizationTestApp.TestTokenHandler>(AuthorizationTestApp.TokenScheme, _ => { });
        builder.Services.AddAuthorization();
        builder.Services.AddWorkOSAuthorization();
        builder.Services.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler);
        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/reports/{id}", (string id) => id).RequireWorkOSCheck("report:view", "report", routeValue: "id");
        app.MapGet("/posts", () => "posts").RequireAuthorization("posts:read");
        await app.StartAsync();
        using var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.CreateAccessToken(AuthorizationTestApp.BobClaims()));

        var report = await client.GetAsync("/reports/q3-revenue");
        var posts = await client.GetAsync("/posts");

        Assert.Equal(expected, report.StatusCode);
        Assert.Equal(HttpStatusCode.OK, posts.StatusCode);
        Assert.Equal(configureApiKey ? 1 : 0, emulator.CountRequests("POST", "/authorization/organization_memberships/om_bob_acme/check"));
    }
}
