using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Tests.Api;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.SignIn;

/// <summary>
/// The grants of a custom sign-in when WorkOS cannot be reached at all (the connection refused) or never answers (the
/// client's 15-second timeout, on the app's <see cref="TimeProvider"/>): the page gets <c>workos_unavailable</c>, a log
/// line says why, and nobody is signed in.
/// </summary>
public sealed class SignInNetworkFailureTests
{
    private const string Authenticate = "/user_management/authenticate";

    [Fact]
    public async Task Password_grant_refused_at_the_connection_fails_as_workos_unavailable_without_a_session()
    {
        await using var app = await SignInApp.StartAsync(services: s =>
            s.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).AddHttpMessageHandler(() => new ClosedPortHandler(Authenticate)));
        var browser = app.CreateBrowser();

        var page = await browser.PostAsync("/signin/password", ("email", "alice@acme.com"), ("password", EmulatorSeed.DefaultPassword));

        AssertUnavailableWithoutSession(page);
        await AssertSignedOutAsync(browser);
        var logged = Assert.Single(app.Logs.Entries, e => e.EventId.Id == 1976);
        Assert.Contains("network_error", logged.Message, StringComparison.Ordinal);
        Assert.Equal(0, app.Emulator.CountRequests("POST", Authenticate));
    }

    [Fact]
    public async Task Password_grant_that_gets_no_answer_is_abandoned_at_the_client_timeout_on_the_app_clock()
    {
        var held = new HeldUpstreamHandler(Authenticate);
        await using var app = await SignInApp.StartAsync(services: s =>
            s.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).AddHttpMessageHandler(() => held));
        var browser = app.CreateBrowser();

        var pending = browser.PostAsync("/signin/password", ("email", "alice@acme.com"), ("password", EmulatorSeed.DefaultPassword));
        // The page's answer (any) stands in for the request the handler waits on: it fails the test if it ends first.
        var upstream = await held.WaitForCallAsync(pending.ContinueWith(_ => new HttpResponseMessage(HttpStatusCode.OK), TaskScheduler.Default));
        app.Clock.Advance(TimeSpan.FromSeconds(15) - TimeSpan.FromTicks(1));
        Assert.False(upstream.IsCancellationRequested);
        app.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(upstream.IsCancellationRequested);
        var page = await pending;

        AssertUnavailableWithoutSession(page);
        await AssertSignedOutAsync(browser);
        var logged = Assert.Single(app.Logs.Entries, e => e.EventId.Id == 1976);
        Assert.Contains("timeout", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_grant_refused_at_the_connection_keeps_the_step_so_the_code_can_be_tried_again()
    {
        var closed = new ClosedPortHandler(Authenticate) { Enabled = false };
        await using var app = await SignInApp.StartAsync(
            configureEmulator: o => o.Seed.Users.Single(u => u.Id == "user_bob").RequireMfa = true,
            services: s => s.AddHttpClient(WorkOSAuthKitDefaults.HttpClientName).AddHttpMessageHandler(() => closed));
        var browser = app.CreateBrowser();
        var enrollment = await browser.PostAsync("/signin/password", ("email", "bob@acme.com"), ("password", EmulatorSeed.DefaultPassword));
        var challenge = await browser.PostAsync("/signin/enroll", ("step", enrollment.PendingStep!));
        var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(challenge.Totp!.Secret)).ComputeTotp(app.Clock.GetUtcNow().UtcDateTime);

        closed.Enabled = true;
        var failed = await browser.PostAsync("/signin/totp", ("step", challenge.PendingStep!), ("code", code));

        AssertUnavailableWithoutSession(failed);
        Assert.Equal(challenge.PendingStep, failed.PendingStep);
        await AssertSignedOutAsync(browser);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1976 && e.Message.Contains("network_error", StringComparison.Ordinal));

        closed.Enabled = false;
        Assert.Equal("SignedIn", (await browser.PostAsync("/signin/totp", ("step", failed.PendingStep!), ("code", code))).Status);
    }

    private static void AssertUnavailableWithoutSession(SignInPages.Page page)
    {
        Assert.Equal("Failed", page.Status);
        Assert.Equal("workos_unavailable", page.ErrorCode);
        Assert.Equal("The sign-in service could not be reached. Please try again.", page.ErrorMessage);
        Assert.Null(page.UserId);
    }

    private static async Task AssertSignedOutAsync(Testing.WorkOSTestClient browser)
    {
        Assert.Null(browser.GetCookie(WorkOSAuthKitDefaults.SessionCookieName));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/protected", r => r.Headers.Add("Accept", "application/json"))).StatusCode);
    }

    /// <summary>
    /// Sends the calls to <paramref name="path"/> to a loopback port nobody listens on, through a real socket handler: the
    /// connection is refused as it is when WorkOS (or the proxy in front of it) is not there.
    /// </summary>
    private sealed class ClosedPortHandler(string path) : DelegatingHandler
    {
        private static readonly int ClosedPort = FindClosedPort();

        public bool Enabled { get; set; } = true;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!Enabled || request.RequestUri?.AbsolutePath != path)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            using var sockets = new HttpClient(new SocketsHttpHandler());
            using var redirected = new HttpRequestMessage(request.Method, new UriBuilder(request.RequestUri) { Scheme = "http", Host = "127.0.0.1", Port = ClosedPort }.Uri)
            {
                Content = request.Content,
            };
            return await sockets.SendAsync(redirected, cancellationToken);
        }

        private static int FindClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
