using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.Tests.Authentication;

public sealed class OptionsValidationTests
{
    private static async Task<OptionsValidationException> StartFailsAsync(string environment, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddWorkOSAuthKit(builder.Configuration);
        await using var app = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
    }

    [Fact]
    public async Task Missing_client_id_and_api_key_fail_at_startup_with_what_to_set()
    {
        var error = await StartFailsAsync("Production", new() { ["WorkOS:ApiBaseUrl"] = "https://api.workos.com" });

        Assert.Contains("WORKOS_CLIENT_ID", error.Message);
        Assert.Contains("WORKOS_API_KEY", error.Message);
    }

    [Fact]
    public async Task Plain_http_base_url_is_refused_outside_development()
    {
        var error = await StartFailsAsync("Production", new()
        {
            ["WorkOS:ClientId"] = "client_1", ["WorkOS:ApiKey"] = "sk_test_1", ["WorkOS:ApiBaseUrl"] = "http://workos.internal",
        });

        Assert.Contains("must use https", error.Message);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once()
    {
        var error = await StartFailsAsync("Production", new() { ["WorkOS:ApiBaseUrl"] = "http://workos.internal" });

        Assert.Contains("WORKOS_CLIENT_ID", error.Message);
        Assert.Contains("WORKOS_API_KEY", error.Message);
        Assert.Contains("must use https", error.Message);
    }

    [Fact]
    public async Task Bad_callback_path_is_refused()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Services.AddWorkOSAuthKit(o =>
        {
            o.ClientId = "client_1";
            o.ApiKey = "sk_test_1";
            o.CallbackPath = default;
        });
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("CallbackPath", error.Message);
    }

    [Fact]
    public void Configuration_section_and_workos_environment_variables_are_bound()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WorkOS:ClientId"] = "client_from_section",
            ["WorkOS:CallbackPath"] = "/signin-workos",
            ["WorkOS:ValidIssuers:0"] = "https://api.workos.com",
            ["WorkOS:Cookie:Name"] = "my-session",
            ["WORKOS_API_KEY"] = "sk_from_env",
            ["WORKOS_API_HOSTNAME"] = "auth.example.com",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkOSAuthKit(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<WorkOSAuthKitOptions>>().Get(WorkOSAuthKitDefaults.AuthenticationScheme);
        Assert.Equal("client_from_section", options.ClientId);
        Assert.Equal("sk_from_env", options.ApiKey);
        Assert.Equal("https://auth.example.com", options.ApiBaseUrl);
        Assert.Equal("/signin-workos", options.CallbackPath.Value);
        Assert.Equal(["https://api.workos.com"], options.ValidIssuers);
        var cookie = provider.GetRequiredService<IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(WorkOSAuthKitDefaults.CookieScheme);
        Assert.Equal("my-session", cookie.Cookie.Name);
        Assert.True(cookie.Cookie.HttpOnly);
    }

    [Fact]
    public async Task Custom_scheme_names_register_both_schemes_without_defaults()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthentication().AddWorkOSAuthKit("Tenant", "Tenant.Session", o =>
        {
            o.ClientId = "client_1";
            o.ApiKey = "sk_test_1";
        });
        using var provider = services.BuildServiceProvider();

        var schemes = provider.GetRequiredService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>();
        Assert.NotNull(await schemes.GetSchemeAsync("Tenant"));
        Assert.NotNull(await schemes.GetSchemeAsync("Tenant.Session"));
        var options = provider.GetRequiredService<IOptionsMonitor<WorkOSAuthKitOptions>>().Get("Tenant");
        Assert.Equal("Tenant.Session", options.SignInScheme);
    }
}
