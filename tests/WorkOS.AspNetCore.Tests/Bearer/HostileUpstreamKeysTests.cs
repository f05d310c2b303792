using System.Net;
using WorkOS.AspNetCore.ApiKeys;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Bearer;

/// <summary>
/// Bearer tokens and customers' API keys when WorkOS's answer is not WorkOS's word: oversized signing keys are never
/// read (503 while no keys are known), and a validation answered by a proxy's page is "could not ask" (503), never
/// "the key is invalid" (401, cached).
/// </summary>
public sealed class HostileUpstreamKeysTests
{
    private const string AcmeKey = "sk_acme_reports_emulator";
    private const int Oversized = 5 * 1024 * 1024;
    private const int KeysUnavailableEvent = 1404;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Signing_keys_over_the_size_limit_are_not_read_and_the_token_gets_503(bool declaresLength)
    {
        await using var app = await ApiTestApp.StartAsync();
        // WorkOS's own key set, valid JSON, padded with whitespace to 5 MiB: only its size is wrong.
        var (jwks, _) = await TestTokens.JwksAsync(app.Emulator);
        app.Emulator.InjectFault("GET", "/sso/jwks/*", 200, jwks, count: -1, padTo: Oversized,
            headers: declaresLength ? new Dictionary<string, string> { ["Content-Length"] = Oversized.ToString(System.Globalization.CultureInfo.InvariantCulture) } : null);

        var response = await app.GetAsync("/api/me", app.AliceToken());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == KeysUnavailableEvent
            && (e.Exception?.ToString().Contains("over 1048576 bytes", StringComparison.Ordinal) ?? false));

        // WorkOS answers normally again: the same token is accepted once the keys are fetched.
        app.Emulator.ClearFaults();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", app.AliceToken())).StatusCode);
    }

    [Theory]
    [InlineData(400, "<html><body>Bad request</body></html>", "text/html")]
    [InlineData(422, "<html><body>Unprocessable</body></html>", "text/html")]
    [InlineData(404, """{"detail":"not here"}""", null)]
    public async Task Api_key_validation_answered_without_a_workos_error_is_503_and_not_cached_as_invalid(int status, string body, string? contentType)
    {
        await using var app = await ApiTestApp.StartAsync(WorkOSApiKeyDefaults.AuthenticationScheme);
        app.Emulator.InjectFault("POST", "/api_keys/validations", status, body, contentType: contentType);

        var refused = await app.GetAsync("/api/me", AcmeKey);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1703);

        // Not remembered as an invalid key: the next request asks WorkOS again and is let in.
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", AcmeKey)).StatusCode);
        Assert.Equal(2, app.ValidationCalls);
    }

    [Fact]
    public async Task Api_key_refused_by_workos_in_its_own_shape_is_still_401()
    {
        await using var app = await ApiTestApp.StartAsync(WorkOSApiKeyDefaults.AuthenticationScheme);
        app.Emulator.InjectFault("POST", "/api_keys/validations", 422, """{"code":"invalid_request_parameters","message":"value is invalid."}""");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetAsync("/api/me", AcmeKey)).StatusCode);
    }
}
