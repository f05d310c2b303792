using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.ApiKeys;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Bearer;

namespace WorkOS.AspNetCore.Tests.Authentication;

/// <summary>
/// Outside Development, a plain-http WorkOS API base URL (API key, codes and tokens in clear text) is refused at startup
/// unless the app opts in with <c>AllowHttpApiBaseUrl</c>; loopback addresses get no silent exception.
/// </summary>
public sealed class PlainHttpApiBaseUrlTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5081")]
    [InlineData("http://localhost:5081")]
    [InlineData("http://workos.internal")]
    public async Task Plain_http_base_url_outside_development_fails_startup_naming_the_opt_in(string apiBaseUrl)
    {
        await using var app = AuthKitApp("Production", new() { ["WorkOS:ApiBaseUrl"] = apiBaseUrl });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("must use https", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowHttpApiBaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5081")]
    [InlineData("http://workos.internal")]
    public async Task Plain_http_base_url_outside_development_starts_with_AllowHttpApiBaseUrl(string apiBaseUrl)
    {
        await using var app = AuthKitApp("Production", new() { ["WorkOS:ApiBaseUrl"] = apiBaseUrl, ["WorkOS:AllowHttpApiBaseUrl"] = "true" });

        await app.StartAsync();

        var options = app.Services.GetRequiredService<IOptionsMonitor<WorkOSAuthKitOptions>>().Get(WorkOSAuthKitDefaults.AuthenticationScheme);
        Assert.Equal(apiBaseUrl, options.ApiBaseUrl);
        Assert.True(options.AllowHttpApiBaseUrl);
    }

    [Fact]
    public async Task Plain_http_base_url_in_development_starts_without_the_opt_in()
    {
        await using var app = AuthKitApp("Development", new() { ["WorkOS:ApiBaseUrl"] = "http://127.0.0.1:5081" });

        await app.StartAsync();
    }

    [Fact]
    public async Task Api_schemes_refuse_plain_http_loopback_outside_development_naming_the_opt_in()
    {
        await using var app = ApiApp(new() { ["WorkOS:ApiBaseUrl"] = "http://127.0.0.1:5081" });

        var failures = await StartupFailuresAsync(app);

        Assert.Contains(failures, f => f.StartsWith("WorkOS bearer ApiBaseUrl", StringComparison.Ordinal) && f.Contains("AllowHttpApiBaseUrl", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("WorkOS API key scheme: ApiBaseUrl", StringComparison.Ordinal) && f.Contains("AllowHttpApiBaseUrl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Api_schemes_accept_plain_http_outside_development_with_AllowHttpApiBaseUrl()
    {
        await using var app = ApiApp(new() { ["WorkOS:ApiBaseUrl"] = "http://workos.internal", ["WorkOS:AllowHttpApiBaseUrl"] = "true" });

        await app.StartAsync();

        Assert.Equal("http://workos.internal", Bearer(app).ApiBaseUrl);
        Assert.Equal("http://workos.internal", ApiKey(app).ApiBaseUrl);
    }

    [Fact]
    public async Task Api_schemes_that_take_the_base_url_from_the_client_settings_take_its_http_opt_in_too()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Services.Configure<WorkOSClientOptions>(o =>
        {
            o.ClientId = "client_1";
            o.ApiKey = "sk_test_1";
            o.ApiBaseUrl = "http://workos.internal";
            o.AllowHttpApiBaseUrl = true;
        });
        builder.Services.AddWorkOSAuthKit();
        builder.Services.AddAuthentication().AddWorkOSApiSchemes();
        builder.Services.AddAuthorization();
        await using var app = builder.Build();

        await app.StartAsync();

        Assert.Equal("http://workos.internal", Bearer(app).ApiBaseUrl);
        Assert.True(Bearer(app).AllowHttpApiBaseUrl);
        Assert.Equal("http://workos.internal", ApiKey(app).ApiBaseUrl);
        Assert.True(ApiKey(app).AllowHttpApiBaseUrl);
    }

    [Fact]
    public async Task Api_schemes_with_their_own_http_base_url_do_not_borrow_the_client_settings_opt_in()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Services.Configure<WorkOSClientOptions>(o =>
        {
            o.ClientId = "client_1";
            o.ApiKey = "sk_test_1";
            o.ApiBaseUrl = "http://127.0.0.1:5081";
            o.AllowHttpApiBaseUrl = true;
        });
        builder.Services.AddWorkOSAuthKit();
        builder.Services.AddAuthentication().AddWorkOSApiSchemes(configureBearer: o => o.ApiBaseUrl = "http://workos.internal");
        builder.Services.AddAuthorization();
        await using var app = builder.Build();

        var failures = await StartupFailuresAsync(app);

        Assert.Contains(failures, f => f.StartsWith("WorkOS bearer ApiBaseUrl 'http://workos.internal'", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.StartsWith("WorkOS API key scheme:", StringComparison.Ordinal));
    }

    private static WebApplication AuthKitApp(string environment, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["WorkOS:ClientId"] = "client_1",
            ["WorkOS:ApiKey"] = "sk_test_1",
        });
        builder.Services.AddWorkOSAuthKit(builder.Configuration);
        builder.Services.AddAuthorization();
        return builder.Build();
    }

    private static WebApplication ApiApp(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["WorkOS:ClientId"] = "client_1",
            ["WorkOS:ApiKey"] = "sk_test_1",
        });
        builder.Services.AddAuthentication().AddWorkOSApiSchemes();
        builder.Services.AddAuthorization();
        return builder.Build();
    }

    private static WorkOSBearerOptions Bearer(WebApplication app) =>
        app.Services.GetRequiredService<IOptionsMonitor<WorkOSBearerOptions>>().Get(WorkOSBearerDefaults.AuthenticationScheme);

    private static WorkOSApiKeyOptions ApiKey(WebApplication app) =>
        app.Services.GetRequiredService<IOptionsMonitor<WorkOSApiKeyOptions>>().Get(WorkOSApiKeyDefaults.AuthenticationScheme);

    private static async Task<List<string>> StartupFailuresAsync(WebApplication app)
    {
        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
        var failures = (thrown is AggregateException aggregate ? aggregate.InnerExceptions : [thrown])
            .OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.NotEmpty(failures);
        return failures;
    }
}
