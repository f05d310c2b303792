using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Tests.Bearer;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Tokens;

/// <summary>
/// Tokens meant for someone else: a <c>client_id</c> or <c>aud</c> that names another client is refused by the bearer
/// scheme (401) and at sign-in (<c>token_invalid</c>); this client's id, an accepted audience, or no such claim at all
/// (WorkOS's usual token) is accepted. Also issuer checking, which stays opt-in, with the issuer WorkOS tokens carry.
/// </summary>
public sealed class AudienceTests
{
    private const string Scheme = WorkOSBearerDefaults.AuthenticationScheme;
    private const int BearerRefusedEvent = 1402;
    private const int SignInRefusedEvent = 1004;

    public static TheoryData<string, object, string> ForeignClaims => new()
    {
        { "client_id", "client_other", "The access token was issued to another client ('client_other')." },
        { "client_id", "", "The access token was issued to another client ('')." },
        { "client_id", 42, "The access token's client_id is not a string." },
        { "client_id", new[] { "{client}" }, "The access token's client_id is not a string." },
        { "aud", "client_other", "The access token's audience does not name this application." },
        { "aud", new[] { "client_other", "https://api.other.example" }, "The access token's audience does not name this application." },
        { "aud", Array.Empty<string>(), "The access token's audience does not name this application." },
        { "aud", "", "The access token's audience does not name this application." },
    };

    [Theory]
    [MemberData(nameof(ForeignClaims))]
    public async Task A_bearer_token_for_another_client_is_refused_with_the_reason(string claim, object value, string description)
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var token = app.AliceToken(extra: new Dictionary<string, object> { [claim] = Resolve(value, app.Emulator.ClientId) });

        var response = await app.GetAsync("/api/me", token);

        Assert.Equal(description, response.AssertInvalidToken());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == BearerRefusedEvent
            && e.Message.StartsWith("Bearer token refused (invalid_audience)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bearer_token_naming_this_client_or_carrying_no_audience_is_accepted()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme);
        var client = app.Emulator.ClientId;

        foreach (var extra in new Dictionary<string, object>[]
        {
            new(),
            new() { ["client_id"] = client },
            new() { ["aud"] = client },
            new() { ["aud"] = new[] { "https://api.other.example", client } },
            new() { ["client_id"] = client, ["aud"] = client },
        })
        {
            Assert.Equal(["user_alice"], (await app.MeAsync(app.AliceToken(extra: extra))).Values("sub"));
        }
    }

    [Fact]
    public async Task Valid_audiences_widen_the_check_without_turning_it_off()
    {
        await using var app = await ApiTestApp.StartAsync(Scheme, bearer: o => o.ValidAudiences.Add("client_spa"));

        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", app.AliceToken(extra: new Dictionary<string, object> { ["client_id"] = "client_spa" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/me", app.AliceToken(extra: new Dictionary<string, object> { ["aud"] = "client_spa" }))).StatusCode);
        (await app.GetAsync("/api/me", app.AliceToken(extra: new Dictionary<string, object> { ["client_id"] = "client_other" }))).AssertInvalidToken();
    }

    [Theory]
    [MemberData(nameof(ForeignClaims))]
    public async Task A_sign_in_whose_token_names_another_client_is_refused_as_token_invalid(string claim, object value, string description)
    {
        await using var app = await AuthKitTestApp.StartAsync();
        app.Emulator.SetSessionTokenClaims(new Dictionary<string, object> { [claim] = Resolve(value, app.Emulator.ClientId) });
        using var browser = app.CreateBrowser();

        var response = await browser.SignInAsync("alice@acme.com");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.SetsSessionCookie());
        Assert.Contains("token_invalid", await response.Content.ReadAsStringAsync());
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == SignInRefusedEvent && e.Message.Contains("token_invalid")
            && e.Message.Contains(description, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/protected")).StatusCode); // still anonymous
    }

    [Fact]
    public async Task A_sign_in_whose_token_names_this_client_or_an_accepted_audience_signs_in()
    {
        await using var app = await AuthKitTestApp.StartAsync(o => o.ValidAudiences.Add("client_spa"));

        foreach (var claims in new Dictionary<string, object>[]
        {
            new() { ["client_id"] = app.Emulator.ClientId, ["aud"] = app.Emulator.ClientId },
            new() { ["aud"] = new[] { "client_spa" } },
            new(),
        })
        {
            app.Emulator.SetSessionTokenClaims(claims);
            using var browser = app.CreateBrowser();
            Assert.True((await browser.SignInAsync("alice@acme.com")).SetsSessionCookie());
            Assert.Equal(["user_alice"], (await browser.ClaimsAsync())["sub"]);
        }
    }

    [Fact]
    public async Task Issuer_checking_is_opt_in_and_works_with_the_issuer_WorkOS_tokens_carry()
    {
        // Newer WorkOS environments issue tokens as https://<api host>/user_management/<client id>.
        var clientId = new WorkOS.AspNetCore.Emulator.WorkOSEmulatorOptions().ClientId;
        await using var app = await AuthKitTestApp.StartAsync(o => o.ValidIssuers.Add($"http://workos-emulator.test/user_management/{clientId}"));
        Assert.Equal($"{app.Emulator.BaseUrl.GetLeftPart(UriPartial.Authority)}/user_management/{app.Emulator.ClientId}", app.Emulator.Options.Issuer);
        using var browser = app.CreateBrowser();
        Assert.True((await browser.SignInAsync("alice@acme.com")).SetsSessionCookie());

        await using var other = await AuthKitTestApp.StartAsync(o => o.ValidIssuers.Add("https://auth.example.com"));
        using var refused = other.CreateBrowser();
        var response = await refused.SignInAsync("alice@acme.com");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(other.Logs.Entries, e => e.EventId.Id == SignInRefusedEvent && e.Message.Contains("token_invalid")
            && e.Message.Contains("issuer", StringComparison.Ordinal));

        await using var api = await ApiTestApp.StartAsync(Scheme,
            bearer: o => o.ValidIssuers.Add($"http://workos-emulator.test/user_management/{o.ClientId}"));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me", api.AliceToken())).StatusCode);
    }

    [Fact]
    public async Task Valid_audiences_come_from_the_WorkOS_section_and_empty_entries_fail_at_startup()
    {
        await using (var bound = Build(new() { ["WorkOS:ValidAudiences:0"] = "client_spa" }))
        {
            await bound.StartAsync();
            var authKit = bound.Services.GetRequiredService<IOptionsMonitor<WorkOSAuthKitOptions>>().Get(WorkOSAuthKitDefaults.AuthenticationScheme);
            var bearer = bound.Services.GetRequiredService<IOptionsMonitor<WorkOSBearerOptions>>().Get(Scheme);
            Assert.Equal(["client_spa"], authKit.ValidAudiences);
            Assert.Equal(["client_spa"], bearer.ValidAudiences);
        }

        await using var invalid = Build(new(), o => o.ValidAudiences.Add(" "), withBearer: false);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => invalid.StartAsync());
        Assert.Contains("WorkOS ValidAudiences must not contain empty entries.", error.Message);

        await using var invalidBearer = Build(new(), bearer: o => o.ValidAudiences.Add(""));
        error = await Assert.ThrowsAsync<OptionsValidationException>(() => invalidBearer.StartAsync());
        Assert.Contains("WorkOS bearer ValidAudiences must not contain empty entries.", error.Message);

        static WebApplication Build(Dictionary<string, string?> settings, Action<WorkOSAuthKitOptions>? authKit = null,
            Action<WorkOSBearerOptions>? bearer = null, bool withBearer = true)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
            builder.WebHost.UseTestServer();
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
            {
                ["WorkOS:ClientId"] = "client_1", ["WorkOS:ApiKey"] = "sk_test_1",
            });
            builder.Services.AddWorkOSAuthKit(builder.Configuration);
            if (authKit is not null)
            {
                builder.Services.Configure(WorkOSAuthKitDefaults.AuthenticationScheme, authKit);
            }

            if (withBearer)
            {
                builder.Services.AddAuthentication().AddWorkOSBearer(bearer);
            }

            builder.Services.AddAuthorization();
            return builder.Build();
        }
    }

    /// <summary>Test data cannot name the emulator's client id; <c>{client}</c> stands for it.</summary>
    private static object Resolve(object value, string clientId) => value switch
    {
        string[] values => values.Select(v => v == "{client}" ? clientId : v).ToArray(),
        _ => value,
    };
}
