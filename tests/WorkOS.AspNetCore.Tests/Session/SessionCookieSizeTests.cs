using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WorkOS.AspNetCore.Tests.Session;

public sealed class SessionCookieSizeTests(ITestOutputHelper output)
{
    private const string Cookie = WorkOSAuthKitDefaults.SessionCookieName;

    /// <summary>A user with 3 roles, 25 permissions, 5 entitlements and 5 feature flags.</summary>
    private static void RealisticSeed(WorkOSEmulatorOptions options)
    {
        var seed = new EmulatorSeed();
        string[] resources = ["projects", "invoices", "reports", "members", "settings"];
        string[] actions = ["read", "write", "delete", "export", "approve"];
        var permissions = resources.SelectMany(r => actions.Select(a => $"{r}:{a}")).ToArray();
        seed.AddRole("billing-admin", permissions[..10]).AddRole("project-lead", permissions[10..20]).AddRole("auditor", permissions[20..]);
        seed.AddOrganization("Initech", "org_initech", ["audit-logs", "sso", "custom-roles", "api-access", "priority-support"],
            ["new-dashboard", "beta-exports", "dark-mode", "ai-summaries", "bulk-edit"]);
        seed.AddUser("dana@initech.com", "Dana", "Scully", "user_dana");
        seed.AddMembership("user_dana", "org_initech", "billing-admin", "project-lead", "auditor");
        options.Seed = seed;
    }

    [Fact]
    public async Task Typical_session_fits_in_one_cookie_of_at_most_2600_bytes()
    {
        await using var app = await AuthKitTestApp.StartAsync(configureEmulator: RealisticSeed);
        using var browser = app.CreateBrowser();

        var callback = await browser.SignInAsync("dana@initech.com");

        var sessionCookies = callback.SetCookies().Where(c => c.StartsWith(Cookie, StringComparison.Ordinal)).ToList();
        var cookie = Assert.Single(sessionCookies);
        var nameValue = cookie[..cookie.IndexOf(';')];
        output.WriteLine($"session cookie name=value: {nameValue.Length} bytes");
        // Below the 3,102 bytes authkit-nextjs's iron-sealed cookie takes for the same session.
        Assert.True(nameValue.Length <= 2600, $"{nameValue.Length} bytes");
        var claims = await browser.ClaimsAsync();
        Assert.Equal(25, claims["permission"].Length);
        Assert.Equal(3, claims["role"].Length);
        Assert.Equal(5, claims["entitlement"].Length);
        Assert.Equal(5, claims["feature_flag"].Length);
    }

    [Fact]
    public async Task Oversized_session_round_trips_in_chunks_and_stale_chunks_are_removed_when_it_shrinks()
    {
        var many = Enumerable.Range(0, 300).Select(i => $"document-collection-{i:000}:read-write").ToArray();
        await using var app = await AuthKitTestApp.StartAsync(configureEmulator: o => o.Seed.AddRole("power-user", many)
            .AddMembership("bob@acme.com", "org_globex", "power-user"));
        using var browser = app.CreateBrowser();

        var callback = await browser.SignInAsync("bob@acme.com", "/auth/sign-in?organizationId=org_globex");

        var chunks = callback.SetCookies().Where(c => c.StartsWith(Cookie, StringComparison.Ordinal)).ToList();
        output.WriteLine($"{chunks.Count} cookies: {string.Join(", ", chunks.Select(c => c[..c.IndexOf('=')] + ":" + c.IndexOf(';')))}");
        Assert.True(chunks.Count >= 3);
        Assert.StartsWith(Cookie + "=chunks-", chunks[0], StringComparison.Ordinal);
        Assert.All(chunks, c => Assert.True(c.IndexOf(';') <= 4100));
        Assert.Equal(300, (await browser.ClaimsAsync())["permission"].Length);

        app.Emulator.SetRolePermissions("power-user", "documents:read");
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));
        var shrunk = await browser.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.OK, shrunk.StatusCode);
        var deleted = shrunk.SetCookies().Where(c => c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(deleted);
        var live = browser.Cookies.GetAllCookies().Where(c => c.Name.StartsWith(Cookie, StringComparison.Ordinal) && !c.Expired).ToList();
        Assert.Single(live);
        Assert.Equal(["documents:read"], (await browser.ClaimsAsync())["permission"]);
    }

    [Fact]
    public async Task Server_side_sessions_keep_only_a_key_in_the_cookie_and_still_refresh()
    {
        await using var app = await AuthKitTestApp.StartAsync(services: s =>
        {
            s.AddDistributedMemoryCache();
            s.AddAuthentication().AddWorkOSServerSideSessions();
        });
        using var browser = app.CreateBrowser();
        await browser.SignInAsync("alice@acme.com");

        var cookie = browser.GetCookie(Cookie)!;
        output.WriteLine($"server-side session cookie: {cookie.Length} bytes");
        Assert.True(cookie.Length < 600, $"{cookie.Length} bytes");
        Assert.Contains("posts:write", (await browser.ClaimsAsync())["permission"]);

        app.Emulator.SetUserRoles("alice@acme.com", "org_acme", "member");
        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(45));
        Assert.Equal(["member"], (await browser.ClaimsAsync())["role"]);
        Assert.Equal(["member"], (await browser.ClaimsAsync())["role"]);
    }

    [Fact]
    public async Task Cookie_settings_default_to_httponly_lax_and_can_be_changed()
    {
        await using var app = await AuthKitTestApp.StartAsync(services: s =>
            s.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(WorkOSAuthKitDefaults.CookieScheme, o =>
            {
                o.Cookie.Name = "app-session";
                o.Cookie.SameSite = SameSiteMode.Strict;
            }));
        using var browser = app.CreateBrowser();

        var callback = await browser.SignInAsync("alice@acme.com");

        var cookie = Assert.Single(callback.SetCookies(), c => c.StartsWith("app-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase); // persistent by default
    }
}
