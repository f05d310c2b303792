using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Tests.Connect;

/// <summary>
/// Authorization headers no client should send reach the Connect scheme: each is answered 401 with nothing in the body,
/// <c>WWW-Authenticate: Bearer</c> naming the resource metadata, and one log line saying why; nothing is fetched for them.
/// </summary>
public sealed class ConnectMalformedHeaderTests
{
    private const string MetadataParameter = "Bearer resource_metadata=\"http://localhost/.well-known/oauth-protected-resource\"";

    private static string Base64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A JWT signed with <c>alg: none</c> whose claims are otherwise the ones an M2M token of the emulator has.</summary>
    private static string UnsignedToken(ConnectTestApp app, string header) =>
        Base64Url(header) + "." + Base64Url(
            $"{{\"iss\":\"{app.Emulator.ConnectDomain}\",\"aud\":\"{ConnectTestApp.Audience}\",\"sub\":\"{ConnectTestApp.M2MClientId}\","
            + $"\"scope\":\"posts:write\",\"exp\":{app.Clock.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds()}}}") + ".";

    private static async Task<(HttpResponseMessage Response, string Body)> SendAsync(ConnectTestApp app, params string[] authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/posts");
        foreach (var value in authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", value);
        }

        var response = await app.Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static void AssertBareUnauthorized(ConnectTestApp app, HttpResponseMessage response, string body, int eventId, string reason)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(body);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate).ToString();
        Assert.StartsWith(MetadataParameter, challenge, StringComparison.Ordinal);
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == eventId && e.Message.Contains(reason, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Bearer_with_no_token_is_answered_401_with_the_metadata_and_a_log_line()
    {
        await using var app = await ConnectTestApp.StartAsync();
        var (response, body) = await SendAsync(app, "Bearer");
        using (response)
        {
            AssertBareUnauthorized(app, response, body, 1063, "no token");
            Assert.Equal(0, app.DiscoveryFetches);
        }
    }

    [Theory]
    [InlineData("two tokens")]
    [InlineData("a token and a parameter")]
    public async Task Bearer_with_two_tokens_in_one_header_is_refused_before_any_token_is_read(string shape)
    {
        await using var app = await ConnectTestApp.StartAsync();
        var token = await app.M2MTokenAsync("posts:write");
        var value = shape == "two tokens" ? $"Bearer {token} {token}" : $"Bearer {token}, realm=\"api\"";
        var (response, body) = await SendAsync(app, value);
        using (response)
        {
            AssertBareUnauthorized(app, response, body, 1063, "more than one token");
            Assert.Equal(0, app.DiscoveryFetches);
        }
    }

    [Fact]
    public async Task Two_authorization_headers_are_refused_even_when_each_holds_a_valid_token()
    {
        await using var app = await ConnectTestApp.StartAsync();
        var token = await app.M2MTokenAsync("posts:write");
        var (response, body) = await SendAsync(app, "Bearer " + token, "Bearer " + token);
        using (response)
        {
            AssertBareUnauthorized(app, response, body, 1063, "several Authorization headers");
        }
    }

    [Fact]
    public async Task Huge_authorization_header_is_refused_unread()
    {
        await using var app = await ConnectTestApp.StartAsync();
        var (response, body) = await SendAsync(app, "Bearer " + new string('a', 64 * 1024));
        using (response)
        {
            AssertBareUnauthorized(app, response, body, 1063, "too large");
            Assert.Equal(0, app.DiscoveryFetches);
        }
    }

    [Theory]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.!!!.???")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.\"sig\"")]
    public async Task Token_with_characters_no_bearer_token_has_is_refused_unread(string token)
    {
        await using var app = await ConnectTestApp.StartAsync();
        var (response, body) = await SendAsync(app, "Bearer " + token);
        using (response)
        {
            AssertBareUnauthorized(app, response, body, 1063, "characters a bearer token cannot have");
            Assert.Equal(0, app.DiscoveryFetches);
        }
    }

    [Theory]
    [InlineData("opaque-token-not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("e30.e30.e30.e30.e30")]
    public async Task Token_that_is_not_a_jwt_is_refused_as_malformed(string token)
    {
        await using var app = await ConnectTestApp.StartAsync();
        var (response, body) = await SendAsync(app, "Bearer " + token);
        using (response)
        {
            AssertBareUnauthorized(app, response, body, 1053, "malformed");
        }
    }

    [Theory]
    [InlineData("{\"alg\":\"none\",\"typ\":\"JWT\"}")]
    [InlineData("{\"alg\":\"none\",\"kid\":\"forged-key\"}")]
    [InlineData("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")]
    public async Task Unsigned_or_symmetric_token_is_refused_without_fetching_keys_even_for_a_forged_kid(string header)
    {
        await using var app = await ConnectTestApp.StartAsync();
        await app.MeAsync(await app.M2MTokenAsync());
        var token = UnsignedToken(app, header);

        for (var i = 0; i < 3; i++)
        {
            var (response, body) = await SendAsync(app, "Bearer " + token);
            using (response)
            {
                AssertBareUnauthorized(app, response, body, 1053, "not signed with RS256");
            }
        }

        Assert.Equal(1, app.JwksFetches);
    }
}
