using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Actions;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Tests.Webhooks;

namespace WorkOS.AspNetCore.Tests.Actions;

/// <summary>
/// The Actions endpoint hands a verified action to the app's handler as a typed context and answers with the verdict,
/// signed the way WorkOS checks it; the answers are verified here with an HMAC written from WorkOS's documentation.
/// </summary>
public sealed class ActionEndpointTests
{
    private const int AnsweredEvent = 1949;

    private readonly FakeTimeProvider _clock = TestClock.StartingNow();

    [Fact]
    public async Task An_authentication_action_reaches_the_handler_as_a_typed_context_and_is_answered_with_a_signed_allow()
    {
        WorkOSAuthenticationActionContext? seen = null;
        await using var app = await ActionTestApp.StartAsync(_clock, actions => actions.OnAuthentication((action, _) =>
        {
            seen = action;
            return WorkOSActionVerdict.Allow;
        }));
        var body = ActionMessages.Authentication();

        var response = await app.PostAsync(body, WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow(), body));

        var payload = await ActionMessages.VerifiedPayloadAsync(response, "authentication_action_response", ActionTestApp.Secret);
        Assert.Equal("Allow", payload.GetProperty("verdict").GetString());
        Assert.Equal(_clock.GetUtcNow().ToUnixTimeMilliseconds(), payload.GetProperty("timestamp").GetInt64());
        Assert.Equal(JsonValueKind.Number, payload.GetProperty("timestamp").ValueKind);
        Assert.False(payload.TryGetProperty("error_message", out _));
        Assert.NotNull(seen);
        Assert.Equal("action_01AUTH", seen.Id);
        Assert.Equal("user_01ALICE", seen.User.Id);
        Assert.Equal("alice@acme.test", seen.User.Email);
        Assert.Equal("org_01ACME", seen.Organization?.Id);
        Assert.Equal("Acme", seen.Organization?.Name);
        Assert.Equal("om_01ALICE", seen.OrganizationMembership?.Id);
        Assert.Equal("admin", seen.OrganizationMembership?.Role?.Slug);
        Assert.Equal("Password", seen.AuthenticationMethod);
        Assert.Equal("198.51.100.7", seen.IpAddress);
        Assert.Equal("Mozilla/5.0 (X11; Linux x86_64)", seen.UserAgent);
        Assert.Equal("fp_01DEVICE", seen.DeviceFingerprint);
        Assert.Equal("https://auth.acme.test", seen.Issuer);
        Assert.True(app.Logged(AnsweredEvent));
    }

    [Fact]
    public async Task A_deny_answers_Deny_with_its_message_in_the_signed_payload()
    {
        const string Message = "Sign-ins from l'Atelier Zoé are paused: ask \"IT\" <it@acme.test> & try again.";
        await using var app = await ActionTestApp.StartAsync(_clock, actions => actions.OnAuthentication((_, _) => WorkOSActionVerdict.Deny(Message)));
        var body = ActionMessages.Authentication();

        var response = await app.PostAsync(body, WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow(), body));

        var payload = await ActionMessages.VerifiedPayloadAsync(response, "authentication_action_response", ActionTestApp.Secret);
        Assert.Equal("Deny", payload.GetProperty("verdict").GetString());
        Assert.Equal(Message, payload.GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task The_signed_payload_is_byte_for_byte_what_a_verifier_that_re_serializes_it_compactly_gets()
    {
        // WorkOS's Node SDK signs JSON.stringify(payload); a verifier doing the same must get the bytes that were signed,
        // so nothing in the payload is escaped beyond what JSON requires.
        await using var app = await ActionTestApp.StartAsync(_clock, actions => actions.OnAuthentication((_, _) => WorkOSActionVerdict.Deny("Zoé's account is 'on hold' <until> Monday & then + more")));
        var body = ActionMessages.Authentication();

        var response = await app.PostAsync(body, WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow(), body));

        var payload = await ActionMessages.VerifiedPayloadAsync(response, "authentication_action_response", ActionTestApp.Secret);
        var timestamp = payload.GetProperty("timestamp").GetInt64();
        var reserialized = $$"""{"timestamp":{{timestamp}},"verdict":"Deny","error_message":"Zoé's account is 'on hold' <until> Monday & then + more"}""";
        Assert.Equal(reserialized, payload.GetRawText());
    }

    [Fact]
    public async Task A_user_registration_action_reaches_its_handler_with_the_user_data_and_invitation_and_gets_its_own_response_object()
    {
        WorkOSUserRegistrationActionContext? seen = null;
        await using var app = await ActionTestApp.StartAsync(_clock, actions => actions
            .OnAuthentication((_, _) => WorkOSActionVerdict.Deny("wrong handler"))
            .OnUserRegistration((action, _) =>
            {
                seen = action;
                return ValueTask.FromResult(WorkOSActionVerdict.Deny("Sign-ups from this domain are closed."));
            }));
        var body = ActionMessages.UserRegistration();

        var response = await app.PostAsync(body, WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow(), body));

        var payload = await ActionMessages.VerifiedPayloadAsync(response, "user_registration_action_response", ActionTestApp.Secret);
        Assert.Equal("Deny", payload.GetProperty("verdict").GetString());
        Assert.Equal("Sign-ups from this domain are closed.", payload.GetProperty("error_message").GetString());
        Assert.NotNull(seen);
        Assert.Equal("action_01REG", seen.Id);
        Assert.Equal("bob@acme.test", seen.UserData.Email);
        Assert.Equal("Bob", seen.UserData.FirstName);
        Assert.Equal("Lee", seen.UserData.LastName);
        Assert.Equal("invitation_01BOB", seen.Invitation?.Id);
        Assert.Equal("org_01ACME", seen.Invitation?.OrganizationId);
        Assert.Equal("GoogleOAuth", seen.AuthenticationMethod);
        Assert.Equal("203.0.113.9", seen.IpAddress);
        Assert.Equal("Mozilla/5.0 (Macintosh)", seen.UserAgent);
        Assert.Equal("fp_01BOB", seen.DeviceFingerprint);
    }

    [Fact]
    public async Task During_rotation_a_request_signed_with_the_old_secret_is_accepted_and_the_answer_is_signed_with_the_first_secret()
    {
        const string Old = "action_secret_acme_previous";
        await using var app = await ActionTestApp.StartAsync(
            _clock,
            actions => actions.OnAuthentication((_, _) => WorkOSActionVerdict.Allow),
            o =>
            {
                o.Secrets.Add(ActionTestApp.Secret);
                o.Secrets.Add(Old);
            });
        var body = ActionMessages.Authentication();

        var withOld = await app.PostAsync(body, WebhookSigner.Header(Old, _clock.GetUtcNow(), body));
        var withCurrent = await app.PostAsync(body, WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow(), body));

        await ActionMessages.VerifiedPayloadAsync(withOld, "authentication_action_response", ActionTestApp.Secret);
        await ActionMessages.VerifiedPayloadAsync(withCurrent, "authentication_action_response", ActionTestApp.Secret);
    }

    [Fact]
    public async Task An_action_of_a_kind_without_a_handler_is_refused_400_and_logged()
    {
        await using var app = await ActionTestApp.StartAsync(_clock, actions => actions.OnAuthentication((_, _) => WorkOSActionVerdict.Allow));
        var body = ActionMessages.UserRegistration();

        var response = await app.PostAsync(body, WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow(), body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(app.Logged(1946));
        Assert.False(app.Logged(AnsweredEvent));
    }

    [Fact]
    public void A_deny_message_longer_than_500_characters_is_refused_where_it_is_made()
    {
        Assert.Equal(500, WorkOSActionVerdict.Deny(new string('x', 500)).ErrorMessage?.Length);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => WorkOSActionVerdict.Deny(new string('x', 501)));

        Assert.Equal("errorMessage", error.ParamName);
    }

    [Fact]
    public void Mapping_without_a_handler_or_without_the_services_fails_at_startup()
    {
        var builder = WebApplication.CreateBuilder();
        var bare = builder.Build();
        Assert.Throws<InvalidOperationException>(() => bare.MapWorkOSActions("/actions", a => a.OnAuthentication((_, _) => WorkOSActionVerdict.Allow)));

        var withServices = WebApplication.CreateBuilder();
        withServices.Services.AddWorkOSActions(o => o.Secrets.Add("s"));
        var app = withServices.Build();
        Assert.Throws<InvalidOperationException>(() => app.MapWorkOSActions("/actions", _ => { }));
    }
}
