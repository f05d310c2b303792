using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Actions;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Actions;

/// <summary>
/// An AuthKit app with <c>MapWorkOSActions</c> and the emulator, end to end: the emulator asks the app's action during
/// the browser's sign-in, the app verifies the request and answers signed, and the emulator lets the allowed user in and
/// stops the denied one on its page with the app's message.
/// </summary>
public sealed class ActionEndToEndTests
{
    private const string Secret = "action_secret_end_to_end";

    [Fact]
    public async Task The_apps_action_lets_an_allowed_user_sign_in_and_stops_a_denied_email_with_its_message()
    {
        var toApp = new LateHandler();
        using var actionClient = new HttpClient(toApp);
        var asked = new List<string>();
        await using var app = await AuthKitTestApp.StartAsync(
            configureEmulator: o => o.ActionHttpClient = actionClient,
            services: s => s.AddWorkOSActions(o => o.Secrets.Add(Secret)),
            map: a => a.MapWorkOSActions("/actions/workos", actions => actions.OnAuthentication((action, _) =>
            {
                lock (asked)
                {
                    asked.Add(action.User.Email);
                }

                return action.User.Email.EndsWith("@globex.com", StringComparison.OrdinalIgnoreCase)
                    ? WorkOSActionVerdict.Deny("Globex accounts cannot sign in to Acme.")
                    : WorkOSActionVerdict.Allow;
            })));
        toApp.Target = app.App.GetTestServer().CreateHandler();
        app.Emulator.SetAuthenticationAction("http://localhost/actions/workos", Secret);

        var alice = app.CreateBrowser();
        var callback = await alice.SignInAsync("alice@acme.com");
        var alicePage = await alice.GetAsync("/protected");

        var carol = app.CreateBrowser();
        var challenge = await carol.GetAsync("/auth/sign-in");
        var denied = await carol.GetAsync(carol.Location(challenge) + "&login_hint=" + Uri.EscapeDataString("carol@globex.com"));
        var carolPage = await carol.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alicePage.StatusCode);
        Assert.Contains("user_alice", await alicePage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("Globex accounts cannot sign in to Acme.", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, carolPage.StatusCode);
        Assert.Equal(["alice@acme.com", "carol@globex.com"], asked);
        Assert.Collection(
            app.Emulator.ActionCalls,
            a => Assert.True(a.Allowed && a.Problem is null),
            c => Assert.True(!c.Allowed && c.Problem is null && c.ErrorMessage == "Globex accounts cannot sign in to Acme."));
    }

    [Fact]
    public async Task An_app_whose_action_secret_differs_from_the_emulators_refuses_the_request_and_the_sign_in_is_denied()
    {
        var toApp = new LateHandler();
        using var actionClient = new HttpClient(toApp);
        var handled = false;
        await using var app = await AuthKitTestApp.StartAsync(
            configureEmulator: o => o.ActionHttpClient = actionClient,
            services: s => s.AddWorkOSActions(o => o.Secrets.Add("action_secret_of_another_environment")),
            map: a => a.MapWorkOSActions("/actions/workos", actions => actions.OnAuthentication((_, _) =>
            {
                handled = true;
                return WorkOSActionVerdict.Allow;
            })));
        toApp.Target = app.App.GetTestServer().CreateHandler();
        app.Emulator.SetAuthenticationAction("http://localhost/actions/workos", Secret);

        var browser = app.CreateBrowser();
        var challenge = await browser.GetAsync("/auth/sign-in");
        var denied = await browser.GetAsync(browser.Location(challenge) + "&login_hint=" + Uri.EscapeDataString("alice@acme.com"));

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.False(handled);
        Assert.Equal(401, Assert.Single(app.Emulator.ActionCalls).StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1944);
    }

    [Fact]
    public async Task The_apps_user_registration_action_lets_an_allowed_sign_up_in_and_stops_a_denied_domain_with_no_user_created()
    {
        var toApp = new LateHandler();
        using var actionClient = new HttpClient(toApp);
        var asked = new List<string>();
        await using var app = await AuthKitTestApp.StartAsync(
            configureEmulator: o => o.ActionHttpClient = actionClient,
            services: s => s.AddWorkOSActions(o => o.Secrets.Add(Secret)),
            map: a => a.MapWorkOSActions("/actions/workos", actions => actions.OnUserRegistration((action, _) =>
            {
                lock (asked)
                {
                    asked.Add(action.UserData.Email + " " + action.UserData.FirstName);
                }

                return action.UserData.Email.EndsWith("@globex.com", StringComparison.OrdinalIgnoreCase)
                    ? WorkOSActionVerdict.Deny("Sign-ups from Globex are closed.")
                    : WorkOSActionVerdict.Allow;
            })));
        toApp.Target = app.App.GetTestServer().CreateHandler();
        app.Emulator.SetUserRegistrationAction("http://localhost/actions/workos", Secret);

        var dora = app.CreateBrowser();
        var doraCallback = await SignUpAsync(app, dora, "dora@acme.com", "Dora");
        var doraApp = await dora.GetAsync(dora.Location(doraCallback).ToString());
        var doraPage = await dora.GetAsync("/protected");

        var erin = app.CreateBrowser();
        var erinDenied = await SignUpAsync(app, erin, "erin@globex.com", "Erin");
        var erinPage = await erin.GetAsync("/protected");
        var signInChallenge = await erin.GetAsync("/auth/sign-in");
        var erinSignIn = await erin.GetAsync(erin.Location(signInChallenge) + "&login_hint=" + Uri.EscapeDataString("erin@globex.com"));

        Assert.Equal(HttpStatusCode.Redirect, doraCallback.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, doraApp.StatusCode);
        Assert.Equal(HttpStatusCode.OK, doraPage.StatusCode);
        Assert.Contains("dora@acme.com", await doraPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, erinDenied.StatusCode);
        Assert.Contains("Sign-ups from Globex are closed.", await erinDenied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, erinPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, erinSignIn.StatusCode);
        Assert.DoesNotContain("data-testid=\"user-erin@globex.com\"", await erinSignIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["dora@acme.com Dora", "erin@globex.com Erin"], asked);
        Assert.Collection(
            app.Emulator.ActionCalls,
            d => Assert.True(d is { Kind: "user_registration", Allowed: true, Problem: null }),
            e => Assert.True(e is { Kind: "user_registration", Allowed: false, Problem: null, ErrorMessage: "Sign-ups from Globex are closed." }));
    }

    /// <summary>Opens the app's sign-up, fills the emulator's sign-up form and submits it; the emulator's answer.</summary>
    private static async Task<HttpResponseMessage> SignUpAsync(AuthKitTestApp app, WorkOS.AspNetCore.Testing.WorkOSTestClient browser, string email, string firstName)
    {
        var challenge = await browser.GetAsync("/auth/sign-up");
        var page = await browser.GetAsync(browser.Location(challenge).ToString());
        var form = Emulator.SignUpTests.SignUpFormFields(await page.Content.ReadAsStringAsync());
        form["email"] = email;
        form["first_name"] = firstName;
        form["last_name"] = "Tester";
        form["action"] = "sign_up";
        return await browser.PostFormAsync(app.Emulator.BaseUrl + "user_management/authorize/complete", form);
    }

    /// <summary>Sends to the app's TestServer, which exists only once the app (built after the emulator) has started.</summary>
    private sealed class LateHandler : HttpMessageHandler
    {
        public HttpMessageHandler? Target { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            new HttpMessageInvoker(Target ?? throw new InvalidOperationException("The app has not started."), disposeHandler: false)
                .SendAsync(request, cancellationToken);
    }
}
