using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Bearer;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Tests.Webhooks;

/// <summary>
/// An <see cref="AuthKitTestApp"/> with cookies for pages, the bearer scheme on <c>/api/claims</c>, and the webhook
/// endpoint: <see cref="DeliverAsync"/> posts a signed event and returns once the handlers are done with it (a
/// sentinel event queued behind it has been handled; the queue has one reader).
/// </summary>
internal sealed class RevocationTestApp : IAsyncDisposable
{
    private readonly Channel<string> _handled = Channel.CreateUnbounded<string>();
    private int _sentinels;

    private RevocationTestApp()
    {
    }

    public AuthKitTestApp App { get; private set; } = null!;

    public WorkOSEmulator Emulator => App.Emulator;

    public static async Task<RevocationTestApp> StartAsync(
        Action<WorkOSWebhookOptions>? webhooks = null,
        Action<IServiceCollection>? services = null,
        WorkOSEmulator? sharedEmulator = null,
        IDataProtectionProvider? dataProtection = null)
    {
        var app = new RevocationTestApp();
        app.App = await AuthKitTestApp.StartAsync(
            sharedEmulator: sharedEmulator,
            dataProtection: dataProtection,
            services: s =>
            {
                s.AddAuthentication().AddWorkOSBearer();
                s.AddWorkOSWebhooks(o =>
                {
                    o.Secrets.Add(WebhookTestApp.Secret);
                    webhooks?.Invoke(o);
                }).OnAny((e, _) => app._handled.Writer.WriteAsync(e.Id).AsTask());
                services?.Invoke(s);
            },
            map: web =>
            {
                web.MapWorkOSWebhooks(WebhookTestApp.Path);
                web.MapGet("/token", async (HttpContext context) =>
                {
                    return await context.GetWorkOSAccessTokenAsync();
                }).RequireAuthorization();
                web.MapGet("/api/claims", (ClaimsPrincipal user) => Results.Json(user.Claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.Select(c => c.Value).ToArray())))
                    .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = WorkOSBearerDefaults.AuthenticationScheme });
            });
        return app;
    }

    public DateTimeOffset Now => App.Clock.GetUtcNow();

    /// <summary>A browser signed in as <paramref name="email"/>.</summary>
    public async Task<WorkOSTestClient> SignInAsync(string email)
    {
        var browser = App.CreateBrowser();
        await browser.SignInAsync(email);
        return browser;
    }

    /// <summary>The browser's access token, as a page hands it to its script.</summary>
    public static async Task<string> TokenAsync(WorkOSTestClient browser)
    {
        var response = await browser.GetAsync("/token");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Calls the bearer API with <paramref name="token"/>.</summary>
    public Task<HttpResponseMessage> CallApiAsync(string token) => CallApiAsync(App, token);

    public static async Task<HttpResponseMessage> CallApiAsync(AuthKitTestApp app, string token)
    {
        using var api = app.App.GetTestServer().CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/claims");
        request.Headers.Authorization = ChallengeAssertions.Bearer(token);
        return await api.SendAsync(request);
    }

    /// <summary>Posts a signed event of <paramref name="type"/> recorded at <paramref name="createdAt"/>, and waits until it was handled.</summary>
    public Task DeliverAsync(string id, string type, string data, DateTimeOffset createdAt) =>
        DeliverAsync($$"""{"object":"event","id":"{{id}}","event":"{{type}}","data":{{data}},"created_at":"{{createdAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}"}""");

    public async Task DeliverAsync(string body)
    {
        await PostAsync(body);
        var sentinel = "event_sentinel_" + Interlocked.Increment(ref _sentinels);
        await PostAsync($$"""{"object":"event","id":"{{sentinel}}","event":"test.sentinel","data":{},"created_at":"2026-12-01T10:00:00.000Z"}""");
        await HandledAsync(sentinel);
    }

    /// <summary>Waits until the handlers are done with event <paramref name="eventId"/> (delivered by anyone: the emulator, a test).</summary>
    public async Task HandledAsync(string eventId)
    {
        while (await _handled.Reader.ReadAsync() != eventId)
        {
        }
    }

    private async Task PostAsync(string body)
    {
        using var client = App.App.GetTestServer().CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookTestApp.Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("WorkOS-Signature", WebhookSigner.Header(WebhookTestApp.Secret, Now, body));
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public bool Logged(int eventId) => App.Logs.Entries.Any(e => e.EventId.Id == eventId);

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>Event data as WorkOS sends it.</summary>
internal static class EventData
{
    public static string Session(string sessionId, string userId, string organizationId = "org_acme") =>
        $$"""{"object":"session","id":"{{sessionId}}","user_id":"{{userId}}","organization_id":"{{organizationId}}","status":"revoked"}""";

    public static string User(string userId) =>
        $$"""{"object":"user","id":"{{userId}}","email":"someone@acme.com","email_verified":true}""";

    public static string Membership(string userId, string organizationId, string status, string role = "member") =>
        $$$"""{"object":"organization_membership","id":"om_{{{userId}}}_{{{organizationId}}}","user_id":"{{{userId}}}","organization_id":"{{{organizationId}}}","status":"{{{status}}}","role":{"slug":"{{{role}}}"}}""";

    public static string DirectoryUser(string? userId, string state, string organizationId = "org_acme")
    {
        var link = userId is null ? "" : $"\"user_id\":\"{userId}\",";
        return $$"""{"object":"directory_user","id":"directory_user_01","directory_id":"directory_01","organization_id":"{{organizationId}}",{{link}}"emails":[{"primary":true,"type":"work","value":"alice@acme.com"}],"state":"{{state}}"}""";
    }

    public static string Role(string slug) => $$"""{"object":"role","slug":"{{slug}}","name":"{{slug}}","permissions":["posts:read"]}""";
}
