using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.SsoSample.Pages;
using WorkOS.AspNetCore.SsoSample.Users;
using WorkOS.AspNetCore.Sso;
using static WorkOS.AspNetCore.SsoSample.Pages.Layout;

namespace WorkOS.AspNetCore.SsoSample;

/// <summary>
/// An app with its own user table that signs in with WorkOS SSO (the email domain picks the organization's
/// connection, or "Sign in with Google") and Magic Link. Offline it runs against the local emulator.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    /// <summary>Runs the app.</summary>
    /// <param name="args">The command line.</param>
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // The customers this app serves: email domain -> WorkOS organization (appsettings.json, "Customers").
        var customers = builder.Configuration.GetSection("Customers").Get<Dictionary<string, string>>() ?? [];
        customers = new Dictionary<string, string>(customers, StringComparer.OrdinalIgnoreCase);
        string? OrganizationFor(string? email) =>
            email?.Split('@') is [_, var domain] && customers.TryGetValue(domain, out var organization) ? organization : null;

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AppUserStore>();

        // The app's own cookie is the session (an SSO profile has no refresh token); WorkOS SSO only signs the user in.
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = "/sign-in";
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = false;
            })
            .AddWorkOSSso(options =>
            {
                options.UseSsoLogout = true;
                options.ErrorPath = "/sign-in/failed";
                // The email the user typed picks the organization, and with it the SSO connection.
                options.Events.OnResolveSelector = context =>
                {
                    context.OrganizationId = OrganizationFor(context.Properties.GetParameter<string>("login_hint"));
                    return Task.CompletedTask;
                };
                // Link the profile to the app's own user, creating it on first sign-in.
                options.Events.OnProfileReceived = context =>
                {
                    var logger = context.HttpContext.RequestServices.GetRequiredService<ILogger<AppUserStore>>();
                    var profile = context.Profile;
                    // Enterprise connections belong to an organization, which must be a customer; Google and Magic Link
                    // profiles have none.
                    if (profile.OrganizationId is { } organization && !customers.ContainsValue(organization))
                    {
                        SsoSampleLog.OrganizationRefused(logger, organization);
                        context.Reject("Your organization does not use this application.");
                        return Task.CompletedTask;
                    }

                    if (profile.Email is not { } email || profile.ConnectionId is not { } connection)
                    {
                        context.Reject("The identity provider did not say who you are.");
                        return Task.CompletedTask;
                    }

                    var users = context.HttpContext.RequestServices.GetRequiredService<AppUserStore>();
                    var (user, created) = users.FindOrCreate(connection, profile.IdpId ?? profile.Id, email);
                    if (created)
                    {
                        SsoSampleLog.UserCreated(logger, user.Id, connection);
                    }

                    SsoSampleLog.UserSignedIn(logger, user.Id, connection);
                    ((ClaimsIdentity)context.Principal.Identity!).AddClaim(new Claim(SampleClaims.AppUserId, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery();

        // With no WorkOS credentials configured, the local emulator starts on loopback with its seeded SSO connections
        // (acme.com -> a SAML connection of org_acme, globex.com -> an OIDC connection of org_globex) and its outbox.
        var signOutReturn = new OfflineSignOutReturn();
        builder.Services.AddWorkOSEmulatorWhenUnconfigured(signOutReturn.Capture);

        var app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(() => signOutReturn.Register(app.Services.GetRequiredService<IServer>()));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapGet("/", (HttpContext http, ClaimsPrincipal user, IAntiforgery antiforgery) => user.Identity?.IsAuthenticated == true
            ? Page("Home", $"""
                <p data-testid="signed-in-as">Signed in as {E(user.Identity.Name)}</p>
                <p><a href="/profile">Your profile</a></p>
                <form method="post" action="/sign-out">{Layout.Antiforgery(http, antiforgery)}<button data-testid="sign-out">Sign out</button></form>
                """)
            : Page("Home", """<p data-testid="signed-out">You are not signed in.</p><p><a href="/sign-in" data-testid="sign-in">Sign in</a></p>"""));

        app.MapGet("/sign-in", (HttpContext http, string? email, bool? chooseAccount, string? returnUrl, ILogger<AppUserStore> logger) =>
        {
            if (string.IsNullOrWhiteSpace(email))
            {
                return SignInPage(http, returnUrl, message: null);
            }

            if (OrganizationFor(email.Trim()) is null)
            {
                SsoSampleLog.DomainUnknown(logger);
                return SignInPage(http, returnUrl, "Your organization does not use single sign-on with this application. Try a magic link.");
            }

            return Results.Challenge(new WorkOSSsoChallengeProperties(string.IsNullOrEmpty(returnUrl) ? "/profile" : returnUrl) { LoginHint = email.Trim(), ForceLogin = chooseAccount == true },
                [WorkOSSsoDefaults.AuthenticationScheme]);
        });
        app.MapGet("/sign-in/google", (string? returnUrl) =>
            Results.Challenge(new WorkOSSsoChallengeProperties(string.IsNullOrEmpty(returnUrl) ? "/profile" : returnUrl) { Provider = "GoogleOAuth" }, [WorkOSSsoDefaults.AuthenticationScheme]));
        app.MapGet("/sign-in/failed", (string? error, string? error_description) =>
            Page("Sign-in failed", $"""<p data-testid="sign-in-error">{E(error_description ?? error)}</p><p><a href="/sign-in">Try again</a></p>""",
                StatusCodes.Status400BadRequest));

        // Magic Link (deprecated by WorkOS in favour of AuthKit's Magic Auth): WorkOS emails the link; against the local
        // emulator it lands in the emulator's outbox.
        app.MapPost("/magic-link", async ([Microsoft.AspNetCore.Mvc.FromForm] string email, WorkOSMagicLink magicLink,
            IOptionsMonitor<WorkOSClientOptions> client, ILogger<AppUserStore> logger) =>
        {
            try
            {
                var session = await magicLink.CreateSessionAsync(email, returnUrl: "/profile");
                await magicLink.SendSessionAsync(session.Id);
                SsoSampleLog.MagicLinkSent(logger, session.Id);
                var outbox = client.CurrentValue.ApiBaseUrl is { } api && Uri.TryCreate(api, UriKind.Absolute, out var baseUrl) && baseUrl.IsLoopback
                    ? $"""<p>Running offline: open it from the <a href="{E(new Uri(baseUrl, "/passwordless/outbox").ToString())}" data-testid="outbox">emulator's outbox</a>.</p>"""
                    : string.Empty;
                return Page("Check your email", $"""<p data-testid="magic-link-sent">We sent a sign-in link to {E(session.Email)}.</p>{outbox}""");
            }
            catch (WorkOSApiException ex)
            {
                SsoSampleLog.MagicLinkFailed(logger, ex.ErrorCode);
                return Page("Magic link", """<p data-testid="magic-link-error">We could not send a link to that address.</p>""", StatusCodes.Status400BadRequest);
            }
        });

        app.MapGet("/profile", (ClaimsPrincipal user, AppUserStore users) =>
        {
            var appUser = int.TryParse(user.FindFirst(SampleClaims.AppUserId)?.Value, out var id) ? users.Find(id) : null;
            var claims = string.Concat(user.Claims.Select(c => $"<tr><td>{E(c.Type)}</td><td>{E(c.Value)}</td></tr>"));
            return Page("Profile", $"""
                <h2>App user</h2>
                <p data-testid="app-user">#{appUser?.Id} {E(appUser?.Email)} (connection {E(appUser?.ConnectionId)}, since {appUser?.CreatedAt:u})</p>
                <h2>SSO claims</h2>
                <table data-testid="claims"><tr><th>type</th><th>value</th></tr>{claims}</table>
                """);
        }).RequireAuthorization();

        app.MapPost("/sign-out", () => Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [WorkOSSsoDefaults.AuthenticationScheme]))
            .RequireAuthorization();

        app.Run();

        IResult SignInPage(HttpContext http, string? returnUrl, string? message)
        {
            var antiforgery = Layout.Antiforgery(http, http.RequestServices.GetRequiredService<IAntiforgery>());
            var error = message is null ? string.Empty : $"""<p data-testid="sign-in-message">{E(message)}</p>""";
            return Page("Sign in", $"""
                {error}
                <form method="get" action="/sign-in">
                  <input type="hidden" name="returnUrl" value="{E(returnUrl)}">
                  <label>Work email <input name="email" type="email" required data-testid="email"></label>
                  <label><input type="checkbox" name="chooseAccount" value="true" data-testid="choose-account"> Choose the account at my identity provider</label>
                  <button data-testid="continue">Continue with SSO</button>
                </form>
                <p><a href="/sign-in/google" data-testid="google">Sign in with Google</a></p>
                <h2>Or get a link by email</h2>
                <form method="post" action="/magic-link">{antiforgery}
                  <label>Email <input name="email" type="email" required data-testid="magic-email"></label>
                  <button data-testid="send-magic-link">Email me a magic link</button>
                </form>
                """);
        }
    }
}
