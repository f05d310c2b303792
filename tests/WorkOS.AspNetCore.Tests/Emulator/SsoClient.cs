using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>Drives the emulator's standalone SSO endpoints the way an SSO-only app and its user's browser would.</summary>
internal sealed class SsoClient(WorkOSEmulator emulator) : IDisposable
{
    public HttpClient Http { get; } = emulator.CreateClient();

    public string AuthorizeUrl(Dictionary<string, string?> selector, string? challenge = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = emulator.ClientId,
            ["redirect_uri"] = AuthKitClient.RedirectUri,
            ["response_type"] = "code",
            ["state"] = "st-1",
        };
        if (challenge is not null)
        {
            query["code_challenge"] = challenge;
            query["code_challenge_method"] = "S256";
        }

        foreach (var (key, value) in selector)
        {
            query[key] = value;
        }

        return QueryHelpers.AddQueryString("/sso/authorize", query.Where(p => p.Value is not null).ToDictionary());
    }

    /// <summary>Opens the authorize URL and picks <paramref name="email"/>'s profile on the page, returning the final redirect.</summary>
    public async Task<HttpResponseMessage> PickProfileAsync(Dictionary<string, string?> selector, string email, string? challenge = null)
    {
        using var page = await Http.GetAsync(AuthorizeUrl(selector, challenge));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var form = HiddenFields(html);
        form["profile_id"] = ProfileIdOnPage(html, email);
        return await Http.PostAsync("/sso/authorize/complete", new FormUrlEncodedContent(form));
    }

    public async Task<string> GetCodeAsync(Dictionary<string, string?> selector, string email, Pkce? pkce = null)
    {
        using var response = await PickProfileAsync(selector, email, pkce?.Challenge);
        var query = AuthKitClient.RedirectQuery(response);
        Assert.True(query.ContainsKey("code"), $"No code in {response.Headers.Location}");
        Assert.Equal("st-1", query["state"]);
        return query["code"]!;
    }

    public Task<HttpResponseMessage> TokenAsync(string code, string? verifier = null, string? clientSecret = "default", string? clientId = null) =>
        Http.PostAsync("/sso/token", new FormUrlEncodedContent(new Dictionary<string, string?>
        {
            ["client_id"] = clientId ?? emulator.ClientId,
            ["client_secret"] = clientSecret == "default" ? emulator.ApiKey : clientSecret,
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["code_verifier"] = verifier,
        }.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Key, p.Value!))));

    public async Task<JsonElement> SignInAsync(Dictionary<string, string?> selector, string email)
    {
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(selector, email, pkce);
        using var response = await TokenAsync(code, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await AuthKitClient.ReadJsonAsync(response);
    }

    public static Dictionary<string, string> HiddenFields(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    public static string ProfileIdOnPage(string html, string email)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, $"name=\"profile_id\" value=\"([^\"]*)\" data-testid=\"profile-{System.Text.RegularExpressions.Regex.Escape(email)}\"");
        Assert.True(match.Success, $"No profile {email} on the page.");
        return match.Groups[1].Value;
    }

    public void Dispose() => Http.Dispose();
}
