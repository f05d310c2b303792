using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>
/// An emulator started from inside an app that WebApplicationFactory is starting (its startup, or a test's service
/// configuration) is built as an emulator, not as that app. The factory applies its configuration to every host built
/// on the app's entry-point thread while it listens; the sample's offline fallback starts its emulator there too.
/// </summary>
public sealed class HostIsolationTests
{
    [Fact]
    public async Task Emulator_started_while_a_factory_builds_its_app_listens_on_loopback_and_the_app_is_the_app()
    {
        WorkOSEmulator? emulator = null;
        var started = false;
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("WorkOS:Emulator:Port", "0");
            builder.UseSetting("WorkOS:ClientId", "");
            builder.ConfigureServices(_ =>
            {
                if (!started)
                {
                    started = true; // the factory's configuration must not run again for the emulator's own host
                    emulator = WorkOSEmulator.StartAsync().GetAwaiter().GetResult();
                }
            });
        });
        using var app = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        await using var _ = emulator;
        Assert.NotNull(emulator);
        Assert.Equal("127.0.0.1", emulator.BaseUrl.Host);
        using var overLoopback = new HttpClient();
        var jwks = await overLoopback.GetAsync(new Uri(emulator.BaseUrl, $"sso/jwks/{emulator.ClientId}"));
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);

        var signIn = await app.GetAsync("/auth/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode); // the sample, challenging to AuthKit
        Assert.Equal("/user_management/authorize", signIn.Headers.Location!.AbsolutePath);
    }
}
