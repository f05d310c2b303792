using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.Benchmarks.LoadComparison;

/// <summary>
/// Cookie sizes (<c>name=value</c> bytes) of the typical session: the AuthKit cookie a real sign-in sets, and
/// <c>AddCookie</c> holding the same claims, without and with both tokens. Prints <c>SIZE name=bytes</c> lines and
/// writes the signed-in session (tokens and the user as WorkOS returns it) to the file given, for the iron-sealed
/// sizes (load/cookie-sizes.mjs).
/// </summary>
internal static class CookieSizes
{
    public static async Task<int> RunAsync(string[] args)
    {
        var output = args.FirstOrDefault() ?? "session.json";
        await using var app = await AuthKitLoopbackApp.StartAsync(TypicalSeed);
        var cookie = await app.SignInAsync("dana@initech.com");
        Console.WriteLine($"SIZE authkit={cookie.Length}");

        // The tokens inside the cookie just set, and the user as the WorkOS API returns it.
        var format = app.App.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(WorkOSAuthKitDefaults.CookieScheme).TicketDataFormat;
        var ticket = format.Unprotect(cookie[(cookie.IndexOf('=', StringComparison.Ordinal) + 1)..])
            ?? throw new InvalidOperationException("The session cookie did not unprotect.");
        var tokens = SessionTokens.Of(ticket.Principal) ?? throw new InvalidOperationException("The session holds no tokens.");
        using var api = new HttpClient { BaseAddress = app.Emulator.BaseUrl };
        api.DefaultRequestHeaders.Authorization = new("Bearer", app.Emulator.ApiKey);
        var user = JsonNode.Parse(await api.GetStringAsync($"/user_management/users/{ticket.Principal.FindFirst("sub")!.Value}"));
        var session = new JsonObject
        {
            ["access_token"] = tokens.AccessToken,
            ["refresh_token"] = tokens.RefreshToken,
            ["authentication_method"] = "Password",
            ["user"] = user,
        };
        await File.WriteAllTextAsync(output, session.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        // AddCookie with the same claims as the load comparison's cookie configurations.
        var services = new ServiceCollection().AddLogging();
        services.AddDataProtection();
        services.AddAuthentication().AddCookie();
        await using var provider = services.BuildServiceProvider();
        var standard = provider.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme).TicketDataFormat;
        var load = LoadSession.Create(app.Emulator, TimeSpan.FromDays(1));
        foreach (var (name, withTokens) in new[] { ("cookie", false), ("cookie-tokens", true) })
        {
            var value = standard.Protect(load.CreateTicket(CookieAuthenticationDefaults.AuthenticationScheme, withTokens, TimeProvider.System));
            Console.WriteLine($"SIZE {name}={".AspNetCore.Cookies".Length + 1 + value.Length}");
        }

        Console.WriteLine($"CLAIMS {load.CreatePrincipal("count").Claims.Count()}");
        return 0;
    }

    /// <summary>A user with 3 roles, 25 permissions, 5 entitlements and 5 feature flags (as in SessionCookieSizeTests).</summary>
    private static void TypicalSeed(WorkOSEmulatorOptions options)
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
}
