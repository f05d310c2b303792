using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>
/// <see cref="WorkOSTestClient.SignInAsAsync"/> judges a sign-in by the app's callback (its session cookie set) and
/// hands back the landing page, whatever that page answers.
/// </summary>
public sealed class SignInAsTests
{
    [Fact]
    public async Task A_sign_in_that_returns_to_a_missing_page_succeeds_and_reports_the_404_landing()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        using var landing = await browser.SignInAsAsync("alice@acme.com", startPath: "/auth/sign-in?returnUrl=%2Fno-such-page");
        using var protectedPage = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.NotFound, landing.StatusCode);
        Assert.Equal("/no-such-page", landing.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotNull(browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
        Assert.Equal(HttpStatusCode.OK, protectedPage.StatusCode);
        Assert.Equal(1, app.Emulator.CountCodeExchanges());
    }

    [Fact]
    public async Task A_factory_client_judges_the_sign_in_by_the_apps_own_session_cookie_name()
    {
        await using var factory = new WebApplicationFactory<Program>()
            .WithWebHostBuilder(builder => builder.UseSetting("WorkOS:Cookie:Name", "corp-session"))
            .WithWorkOSEmulator();
        using var alice = factory.CreateWorkOSClient();

        using var landing = await alice.SignInAsAsync("alice@acme.com", startPath: "/auth/sign-in?returnUrl=%2Fno-such-page");

        Assert.Equal(HttpStatusCode.NotFound, landing.StatusCode);
        Assert.NotNull(alice.GetCookie("corp-session"));
        Assert.Null(alice.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
    }

    [Fact]
    public async Task A_factory_client_reports_a_failed_sign_in_when_the_callback_sets_other_cookies_but_not_the_configured_session_cookie()
    {
        await using var factory = new WebApplicationFactory<Program>()
            .WithWebHostBuilder(builder => builder
                .UseSetting("WorkOS:Cookie:Name", "corp-session")
                .ConfigureServices(services => services.AddTransient<IStartupFilter, DecoyCookiesAtTheCallback>()))
            .WithWorkOSEmulator();
        factory.GetWorkOSEmulator().FailAuthentication("bob@acme.com", EmulatorAuthenticationError.MfaEnrollment);
        using var alice = factory.CreateWorkOSClient();
        using var bob = factory.CreateWorkOSClient();

        using var landing = await alice.SignInAsAsync("alice@acme.com");
        var error = await Assert.ThrowsAsync<WorkOSSignInException>(() => bob.SignInAsAsync("bob@acme.com"));

        Assert.NotNull(alice.GetCookie("corp-session"));
        Assert.Contains("/auth/callback", error.Message, StringComparison.Ordinal);
        Assert.Null(bob.GetCookie("corp-session"));
        Assert.Equal("decoy", bob.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
        Assert.Equal("dark", bob.GetCookie("theme"));
    }

    [Fact]
    public async Task A_sign_in_refused_by_workos_throws_with_the_reason_even_when_the_error_page_answers_200()
    {
        await using var app = await AuthKitTestApp.StartAsync(
            configure: options => options.ErrorPath = "/sign-in-error",
            map: web => web.MapGet("/sign-in-error", () => "Sign-in failed"));
        // SSO required through several connections: the callback refuses (a single one would restart the sign-in).
        app.Emulator.FailAuthentication("alice@acme.com", EmulatorAuthenticationError.SsoRequired);
        using var bob = app.CreateBrowser();

        var error = await Assert.ThrowsAsync<WorkOSSignInException>(() => bob.SignInAsAsync("alice@acme.com"));

        Assert.Contains("/auth/callback", error.Message, StringComparison.Ordinal);
        Assert.Contains("sso_required", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, error.StatusCode);
        Assert.Null(bob.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
    }

    [Fact]
    public async Task A_sign_in_refused_by_workos_with_the_default_error_page_throws_with_its_status()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        app.Emulator.FailAuthentication("alice@acme.com", EmulatorAuthenticationError.SsoRequired);
        using var bob = app.CreateBrowser();

        var error = await Assert.ThrowsAsync<WorkOSSignInException>(() => bob.SignInAsAsync("alice@acme.com"));

        Assert.True((int)error.StatusCode!.Value >= 400, $"status {error.StatusCode}");
        Assert.Contains("without setting its session cookie", error.Message, StringComparison.Ordinal);
        Assert.Null(bob.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
    }

    [Fact]
    public async Task Signing_in_as_a_user_the_emulator_does_not_know_throws_naming_the_user_before_any_request()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        using var browser = app.CreateBrowser();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => browser.SignInAsAsync("nobody@acme.com"));

        Assert.Contains("nobody@acme.com", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, app.Emulator.CountRequests("*", "/*"));
    }

    /// <summary>
    /// Makes the app's sign-in callback also set a cookie with the default session cookie name and an unrelated one,
    /// whatever the sign-in's outcome, so only a lookup of the configured session cookie judges the sign-in right.
    /// </summary>
    private sealed class DecoyCookiesAtTheCallback : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Path.StartsWithSegments("/auth/callback"))
                {
                    context.Response.OnStarting(() =>
                    {
                        context.Response.Cookies.Append(WorkOSAuthKitDefaults.SessionCookieName, "decoy");
                        context.Response.Cookies.Append("theme", "dark");
                        return Task.CompletedTask;
                    });
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    [Fact]
    public async Task A_sign_in_that_stops_at_a_further_step_throws_instead_of_counting_the_step_cookie_as_a_session()
    {
        await using var app = await AuthKitTestApp.StartAsync();
        app.Emulator.FailAuthentication("bob@acme.com", EmulatorAuthenticationError.MfaEnrollment);
        using var bob = app.CreateBrowser();

        var error = await Assert.ThrowsAsync<WorkOSSignInException>(() => bob.SignInAsAsync("bob@acme.com"));

        Assert.Equal(HttpStatusCode.SeeOther, error.StatusCode);
        Assert.Contains("without setting its session cookie", error.Message, StringComparison.Ordinal);
        Assert.Null(bob.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
    }
}
