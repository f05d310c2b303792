using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Tests.Bearer;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.ApiKeys;

/// <summary>
/// The sample's API block, as the README's curl walkthrough uses it: an API key, a signed-in user's access token,
/// and the browser session on the same <c>/api</c> endpoints, against the sample's offline emulator.
/// </summary>
public sealed class SampleApiTests : OfflineSampleApp
{
    [Fact]
    public async Task The_emulators_api_key_reads_reports_and_identifies_the_customer()
    {
        using var curl = Factory.CreateClient();
        curl.DefaultRequestHeaders.Authorization = ChallengeAssertions.Bearer("sk_acme_reports_emulator");

        var reports = await curl.GetFromJsonAsync<JsonElement>("/api/reports");
        var whoami = await curl.GetFromJsonAsync<JsonElement>("/api/whoami");

        Assert.Equal("org_acme", reports.GetProperty("organizationId").GetString());
        Assert.Equal("api_key", whoami.GetProperty("kind").GetString());
        Assert.Equal("api_key_acme_reports", whoami.GetProperty("apiKeyId").GetString());
        Assert.Equal(1, Emulator.CountRequests("POST", "/api_keys/validations"));
    }

    [Fact]
    public async Task A_signed_in_users_token_from_the_dev_endpoint_works_with_curl()
    {
        using var browser = TestBrowser.Create(Factory.Server.CreateHandler(), Emulator);
        await browser.SignInAsync("bob@acme.com");
        var token = await (await browser.GetAsync("/dev/access-token")).Content.ReadAsStringAsync();
        Assert.StartsWith("eyJ", token, StringComparison.Ordinal);

        using var curl = Factory.CreateClient();
        curl.DefaultRequestHeaders.Authorization = ChallengeAssertions.Bearer(token);
        var whoami = await curl.GetFromJsonAsync<JsonElement>("/api/whoami");

        Assert.Equal("user", whoami.GetProperty("kind").GetString());
        Assert.Equal("WorkOS.Bearer", whoami.GetProperty("scheme").GetString());
        Assert.Equal("org_acme", whoami.GetProperty("organizationId").GetString());
        Assert.Equal(HttpStatusCode.OK, (await curl.GetAsync("/api/reports")).StatusCode);

        // The browser's own session reaches the same endpoints.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/whoami")).StatusCode);
    }

    [Fact]
    public async Task Without_credentials_or_with_a_bad_key_the_api_answers_401_with_a_bearer_challenge()
    {
        using var curl = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var anonymous = await curl.GetAsync("/api/reports");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.WwwAuthenticate());

        curl.DefaultRequestHeaders.Authorization = ChallengeAssertions.Bearer("sk_revoked_or_made_up");
        Assert.Equal("The API key is not valid.", (await curl.GetAsync("/api/reports")).AssertInvalidToken());
    }

    [Fact]
    public async Task A_user_without_the_permission_is_403_insufficient_scope_and_a_revoked_key_401()
    {
        using var carol = TestBrowser.Create(Factory.Server.CreateHandler(), Emulator);
        await carol.SignInAsync("carol@globex.com");
        var token = await (await carol.GetAsync("/dev/access-token")).Content.ReadAsStringAsync();
        using var curl = Factory.CreateClient();
        curl.DefaultRequestHeaders.Authorization = ChallengeAssertions.Bearer(token);

        var forbidden = await curl.GetAsync("/api/reports");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.StartsWith("Bearer error=\"insufficient_scope\"", forbidden.WwwAuthenticate(), StringComparison.Ordinal);

        Assert.True(Emulator.RevokeApiKey("sk_acme_reports_emulator"));
        curl.DefaultRequestHeaders.Authorization = ChallengeAssertions.Bearer("sk_acme_reports_emulator");
        Assert.Equal("The API key is not valid.", (await curl.GetAsync("/api/reports")).AssertInvalidToken());
    }
}
