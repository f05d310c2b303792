using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>Drives the emulator over HTTP the way an app (and its user's browser) would.</summary>
internal sealed class AuthKitClient(WorkOSEmulator emulator) : IDisposable
{
    public const string RedirectUri = "http://localhost:5000/callback";

    public HttpClient Http { get; } = emulator.CreateClient();

    public static string AuthorizeUrl(WorkOSEmulator emulator, IDictionary<string, string?>? extra = null, string? challenge = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = emulator.ClientId,
            ["redirect_uri"] = RedirectUri,
            ["response_type"] = "code",
            ["provider"] = "authkit",
        };
        if (challenge is not null)
        {
            query["code_challenge"] = challenge;
            query["code_challenge_method"] = "S256";
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                query.Remove(key);
            }
            else
            {
                query[key] = value;
            }
        }

        return QueryHelpers.AddQueryString("/user_management/authorize", query);
    }

    /// <summary>Signs in with a login_hint (no page) and returns the code from the redirect.</summary>
    public async Task<string> GetCodeAsync(string email, Pkce? pkce = null, string? organizationId = null)
    {
        var extra = new Dictionary<string, string?> { ["login_hint"] = email, ["state"] = "s" };
        if (organizationId is not null)
        {
            extra["organization_id"] = organizationId;
        }

        using var response = await Http.GetAsync(AuthorizeUrl(emulator, extra, pkce?.Challenge));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var query = RedirectQuery(response);
        Assert.True(query.ContainsKey("code"), $"No code in {response.Headers.Location}");
        return query["code"]!;
    }

    public Task<HttpResponseMessage> ExchangeAsync(string code, string? verifier, string? clientSecret = "default")
    {
        var body = new Dictionary<string, string?>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = emulator.ClientId,
            ["client_secret"] = clientSecret == "default" ? emulator.ApiKey : clientSecret,
            ["code"] = code,
            ["code_verifier"] = verifier,
        };
        return Http.PostAsJsonAsync("/user_management/authenticate", body.Where(p => p.Value is not null).ToDictionary());
    }

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken, string? organizationId = null)
    {
        var body = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = emulator.ClientId,
            ["client_secret"] = emulator.ApiKey,
            ["refresh_token"] = refreshToken,
        };
        if (organizationId is not null)
        {
            body["organization_id"] = organizationId;
        }

        return Http.PostAsJsonAsync("/user_management/authenticate", body);
    }

    /// <summary>Signs a user in end to end (authorize with PKCE, exchange) and returns the response JSON.</summary>
    public async Task<JsonElement> SignInAsync(string email, string? organizationId = null)
    {
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(email, pkce, organizationId);
        using var response = await ExchangeAsync(code, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public async Task<HttpResponseMessage> SendWithApiKeyAsync(HttpMethod method, string path, object? body = null, string? apiKey = "default")
    {
        using var request = new HttpRequestMessage(method, path);
        if (apiKey is not null)
        {
            request.Headers.Authorization = new("Bearer", apiKey == "default" ? emulator.ApiKey : apiKey);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await Http.SendAsync(request);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static Dictionary<string, string?> RedirectQuery(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException("No Location header.");
        Assert.StartsWith(RedirectUri, location.OriginalString, StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
    }

    public void Dispose() => Http.Dispose();
}
