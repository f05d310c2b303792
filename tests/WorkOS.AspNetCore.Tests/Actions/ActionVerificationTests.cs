using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Actions;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Tests.Webhooks;

namespace WorkOS.AspNetCore.Tests.Actions;

/// <summary>
/// The Actions endpoint verifies <c>WorkOS-Signature</c> on the raw bytes before anything reads them. A refused request
/// gets its status and a log line, never reaches the handler, and gets no signed verdict.
/// </summary>
public sealed class ActionVerificationTests : IAsyncLifetime
{
    private const int MalformedEvent = 1941;
    private const int BodyTooLargeEvent = 1942;
    private const int OutsideToleranceEvent = 1943;
    private const int SignatureMismatchEvent = 1944;
    private const int NotAnActionEvent = 1945;

    private readonly FakeTimeProvider _clock = TestClock.StartingNow();
    private int _handled;
    private ActionTestApp _app = null!;

    public async Task InitializeAsync() => _app = await ActionTestApp.StartAsync(
        _clock,
        actions => actions.OnAuthentication((_, _) =>
        {
            Interlocked.Increment(ref _handled);
            return WorkOSActionVerdict.Allow;
        }),
        o =>
        {
            o.Secrets.Add(ActionTestApp.Secret);
            o.MaxBodySize = 4096;
        });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_tampered_body_is_refused_401_and_never_handled()
    {
        var signed = ActionMessages.Authentication(email: "mallory@evil.test");
        var tampered = signed.Replace("mallory@evil.test", "alice@acme.test", StringComparison.Ordinal);

        var response = await _app.PostAsync(tampered, WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow(), signed));

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, SignatureMismatchEvent);
    }

    [Fact]
    public async Task A_request_signed_with_another_secret_is_refused_401()
    {
        var body = ActionMessages.Authentication();

        var response = await _app.PostAsync(body, WebhookSigner.Header("action_secret_of_another_environment", _clock.GetUtcNow(), body));

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, SignatureMismatchEvent);
    }

    [Fact]
    public async Task A_request_signed_with_the_webhook_secret_of_the_same_app_is_refused_401()
    {
        var body = ActionMessages.Authentication();

        var response = await _app.PostAsync(body, WebhookSigner.Header(WebhookTestApp.Secret, _clock.GetUtcNow(), body));

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, SignatureMismatchEvent);
    }

    [Theory]
    [InlineData(-31)]
    [InlineData(31)]
    [InlineData(-180)]
    [InlineData(3600)]
    public async Task A_timestamp_beyond_30_seconds_in_either_direction_is_refused_401(int offsetSeconds)
    {
        var body = ActionMessages.Authentication();

        var response = await _app.PostAsync(body, WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow().AddSeconds(offsetSeconds), body));

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, OutsideToleranceEvent);
    }

    [Theory]
    [InlineData(-29)]
    [InlineData(29)]
    public async Task A_timestamp_within_30_seconds_is_accepted(int offsetSeconds)
    {
        var body = ActionMessages.Authentication();

        var response = await _app.PostAsync(body, WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow().AddSeconds(offsetSeconds), body));

        await ActionMessages.VerifiedPayloadAsync(response, "authentication_action_response", ActionTestApp.Secret);
        Assert.Equal(1, _handled);
    }

    [Fact]
    public async Task A_request_without_the_signature_header_is_refused_400()
    {
        var response = await _app.PostAsync(ActionMessages.Authentication(), signature: null);

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, MalformedEvent);
    }

    [Theory]
    [InlineData("v1=00")]
    [InlineData("t=abc, v1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("t=1, t=2, v1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("t=1700000000000")]
    public async Task A_garbled_signature_header_is_refused_400(string header)
    {
        var response = await _app.PostAsync(ActionMessages.Authentication(), header);

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, MalformedEvent);
    }

    [Fact]
    public async Task A_signature_header_with_spaces_unknown_parts_and_several_v1_values_is_accepted()
    {
        var body = ActionMessages.Authentication();
        var t = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var header = $"  v0=ignored ,t={t} , v1={new string('0', 64)},v1={WebhookSigner.Signature(ActionTestApp.Secret, t, body)} ";

        var response = await _app.PostAsync(body, header);

        await ActionMessages.VerifiedPayloadAsync(response, "authentication_action_response", ActionTestApp.Secret);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused_413_unread()
    {
        var body = ActionMessages.Authentication().Replace("Mozilla/5.0 (X11; Linux x86_64)", new string('M', 5000), StringComparison.Ordinal);

        var response = await _app.PostAsync(body, WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow(), body));

        await AssertRefusedAsync(response, HttpStatusCode.RequestEntityTooLarge, BodyTooLargeEvent);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_without_a_content_length_is_refused_413()
    {
        var body = Encoding.UTF8.GetBytes(ActionMessages.Authentication().Replace("Mozilla/5.0 (X11; Linux x86_64)", new string('M', 5000), StringComparison.Ordinal));

        var response = await _app.PostAsync(
            new WebhookTestApp.UnsizedContent(body),
            WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow(), Encoding.UTF8.GetString(body)));

        await AssertRefusedAsync(response, HttpStatusCode.RequestEntityTooLarge, BodyTooLargeEvent);
    }

    [Fact]
    public async Task The_raw_bytes_are_verified_so_a_re_serialized_body_does_not_match()
    {
        // Signed as sent with spacing; a verifier that parsed and re-serialized the JSON would check other bytes.
        var sent = ActionMessages.Authentication().Replace("\"id\":\"action_01AUTH\",", "\"id\" : \"action_01AUTH\" ,", StringComparison.Ordinal);
        var reserialized = System.Text.Json.Nodes.JsonNode.Parse(sent)!.ToJsonString();

        var asSent = await _app.PostAsync(sent, WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow(), sent));
        var asReserialized = await _app.PostAsync(reserialized, WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow(), sent));

        await ActionMessages.VerifiedPayloadAsync(asSent, "authentication_action_response", ActionTestApp.Secret);
        Assert.Equal(HttpStatusCode.Unauthorized, asReserialized.StatusCode);
        Assert.Equal(1, _handled);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"id":"action_01X","object":"event"}""")]
    [InlineData("""{"id":"action_01X","object":"authentication_action_context"}""")]
    [InlineData("""{"id":"action_01X","object":"authentication_action_context","user":"alice"}""")]
    [InlineData("""{"object":"authentication_action_context","user":{"id":"user_01ALICE","email":"alice@acme.test"}}""")]
    public async Task A_signed_body_that_is_not_an_action_context_is_refused_400(string body)
    {
        var response = await _app.PostAsync(body, WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow(), body));

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, NotAnActionEvent);
    }

    [Fact]
    public async Task A_signed_body_of_another_object_type_is_refused_400_even_with_a_user_in_it()
    {
        var body = ActionMessages.Authentication().Replace("\"authentication_action_context\"", "\"authentication_action_response\"", StringComparison.Ordinal);

        var response = await _app.PostAsync(body, WebhookSigner.Header(ActionTestApp.Secret, _clock.GetUtcNow(), body));

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, NotAnActionEvent);
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, int eventId)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.True(_app.Logged(eventId), $"event {eventId} was not logged");
        Assert.Equal(0, _handled);
    }
}
