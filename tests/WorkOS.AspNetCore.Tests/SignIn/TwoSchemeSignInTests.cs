using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.SignIn;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.SignIn;

/// <summary>
/// Two AuthKit schemes in one app (the default one and <c>Partner</c>, each with its own cookie scheme): each has its
/// own <see cref="WorkOSSignInManager"/> as a keyed service, which signs in to its own cookie scheme, and a step one
/// scheme issued is refused by the other before WorkOS is called.
/// </summary>
public sealed class TwoSchemeSignInTests
{
    private const string Partner = "Partner", PartnerCookie = "PartnerCookie", PartnerCookieName = "partner-session";

    private static Task<AuthKitTestApp> StartAsync(Action<WorkOSEmulatorOptions>? emulator = null) => AuthKitTestApp.StartAsync(
        configureEmulator: emulator,
        services: s => s.AddAuthentication().AddWorkOSAuthKit(Partner, PartnerCookie,
            o => o.CallbackPath = "/partner/callback", // the step cookie (named after the correlation cookie) is shared: only the protection tells the schemes apart
            c => c.Cookie.Name = PartnerCookieName),
        map: app =>
        {
            foreach (var (prefix, scheme) in new[] { ("/main", WorkOSAuthKitDefaults.AuthenticationScheme), ("/partner", Partner) })
            {
                app.MapPost(prefix + "/signin/password", async (HttpContext context, IServiceProvider services) =>
                {
                    var form = await context.Request.ReadFormAsync();
                    var manager = services.GetRequiredKeyedService<WorkOSSignInManager>(scheme);
                    return Page(await manager.PasswordSignInAsync(context, form["email"].ToString(), form["password"].ToString()));
                });
                app.MapPost(prefix + "/signin/enroll", async (HttpContext context, IServiceProvider services) =>
                {
                    var form = await context.Request.ReadFormAsync();
                    return Page(await services.GetRequiredKeyedService<WorkOSSignInManager>(scheme).EnrollTotpAsync(context, form["step"].ToString()));
                });
            }

            app.MapGet("/partner/me", (ClaimsPrincipal user) => user.GetWorkOSUserId())
                .RequireAuthorization(policy => policy.AddAuthenticationSchemes(PartnerCookie).RequireAuthenticatedUser());
        });

    private static IResult Page(WorkOSSignInResult result) =>
        Results.Json(new Result(result.Status.ToString(), result.ErrorCode, result.PendingStep, result.Principal?.GetWorkOSUserId()));

    private static async Task<(Result Result, HttpResponseMessage Response)> PostAsync(WorkOSTestClient browser, string path, params (string, string)[] fields)
    {
        var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<Result>())!, response);
    }

    private static bool Sets(HttpResponseMessage response, string cookie) =>
        response.SetCookies().Any(c => c.StartsWith(cookie + "=", StringComparison.Ordinal) && !c.StartsWith(cookie + "=;", StringComparison.Ordinal));

    [Fact]
    public async Task Each_schemes_keyed_sign_in_manager_signs_in_to_its_own_cookie_scheme()
    {
        await using var app = await StartAsync();
        Assert.NotSame(app.Services.GetRequiredKeyedService<WorkOSSignInManager>(WorkOSAuthKitDefaults.AuthenticationScheme),
            app.Services.GetRequiredKeyedService<WorkOSSignInManager>(Partner));

        using var partner = app.CreateBrowser();
        var (viaPartner, partnerResponse) = await PostAsync(partner, "/partner/signin/password", ("email", "bob@acme.com"), ("password", EmulatorSeed.DefaultPassword));

        Assert.Equal("SignedIn", viaPartner.Status);
        Assert.True(Sets(partnerResponse, PartnerCookieName));
        Assert.False(Sets(partnerResponse, WorkOSAuthKitDefaults.SessionCookieName));
        Assert.Equal("user_bob", await partner.GetStringAsync("/partner/me"));
        Assert.NotEqual(HttpStatusCode.OK, (await partner.GetAsync("/protected")).StatusCode);

        using var main = app.CreateBrowser();
        var (viaMain, mainResponse) = await PostAsync(main, "/main/signin/password", ("email", "bob@acme.com"), ("password", EmulatorSeed.DefaultPassword));

        Assert.Equal("SignedIn", viaMain.Status);
        Assert.True(Sets(mainResponse, WorkOSAuthKitDefaults.SessionCookieName));
        Assert.False(Sets(mainResponse, PartnerCookieName));
        Assert.Equal(["user_bob"], (await main.ClaimsAsync())["sub"]);
        Assert.NotEqual(HttpStatusCode.OK, (await main.GetAsync("/partner/me")).StatusCode);
    }

    [Theory]
    [InlineData("/main", "/partner")]
    [InlineData("/partner", "/main")]
    public async Task A_step_issued_by_one_scheme_is_refused_by_the_other_before_WorkOS_is_called(string issuing, string other)
    {
        await using var app = await StartAsync(o => o.Seed.Users.Single(u => u.Id == "user_bob").RequireMfa = true);
        using var browser = app.CreateBrowser();
        var (enrollment, _) = await PostAsync(browser, issuing + "/signin/password", ("email", "bob@acme.com"), ("password", EmulatorSeed.DefaultPassword));
        Assert.Equal("RequiresMfaEnrollment", enrollment.Status);

        var (refused, response) = await PostAsync(browser, other + "/signin/enroll", ("step", enrollment.PendingStep!));

        Assert.Equal("Failed", refused.Status);
        Assert.Equal("step_invalid", refused.ErrorCode);
        Assert.False(Sets(response, WorkOSAuthKitDefaults.SessionCookieName) || Sets(response, PartnerCookieName));
        Assert.Equal(0, app.Emulator.CountRequests("POST", "/user_management/users/user_bob/auth_factors"));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1972 && e.Message.Contains("altered, issued by another application or key", StringComparison.Ordinal));

        // The scheme that issued the step still completes it.
        var (enrolled, _) = await PostAsync(browser, issuing + "/signin/enroll", ("step", enrollment.PendingStep!));
        Assert.Equal("RequiresMfaChallenge", enrolled.Status);
    }

    private sealed record Result(string Status, string? ErrorCode, string? PendingStep, string? UserId);
}
