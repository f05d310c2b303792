using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Tests.Webhooks;

/// <summary>
/// The endpoint verifies <c>WorkOS-Signature</c> on the raw bytes before anything else reads them. Every refused
/// delivery gets its status and a log line, and never reaches a handler: each test then sends a valid delivery and
/// waits for it, so a refused one that had been queued would have arrived first.
/// </summary>
public sealed class WebhookSignatureTests : IAsyncLifetime
{
    private const int MalformedSignatureEvent = 1902;
    private const int BodyTooLargeEvent = 1903;
    private const int OutsideToleranceEvent = 1904;
    private const int SignatureMismatchEvent = 1905;
    private const int NotAnEventEvent = 1906;

    private readonly FakeTimeProvider _clock = TestClock.StartingNow();
    private readonly Channel<WorkOSEvent> _delivered = Channel.CreateUnbounded<WorkOSEvent>();
    private WebhookTestApp _app = null!;

    public async Task InitializeAsync() => _app = await StartAsync(o => o.Secrets.Add(WebhookTestApp.Secret));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_validly_signed_delivery_is_answered_200_and_its_handler_runs()
    {
        var body = WebhookSigner.Event("event_01VALID", "user.created");

        var response = await _app.PostAsync(body, WebhookSigner.Header(WebhookTestApp.Secret, _clock.GetUtcNow(), body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivered = await NextAsync();
        Assert.Equal("event_01VALID", delivered.Id);
        Assert.Equal("user.created", delivered.Event);
    }

    [Fact]
    public async Task A_tampered_body_is_refused_401_and_never_handled()
    {
        var signed = WebhookSigner.Event("event_01TAMPER", "user.created", """{"id":"user_01ALICE","email":"alice@acme.test"}""");
        var tampered = signed.Replace("alice@acme.test", "mallory@acme.test", StringComparison.Ordinal);

        var response = await _app.PostAsync(tampered, WebhookSigner.Header(WebhookTestApp.Secret, _clock.GetUtcNow(), signed));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(_app.Logged(SignatureMismatchEvent));
        await AssertNothingHandledBeforeAValidDeliveryAsync();
    }

    [Fact]
    public async Task A_delivery_signed_with_another_secret_is_refused_401()
    {
        var body = WebhookSigner.Event("event_01WRONG", "user.created");

        var response = await _app.PostAsync(body, WebhookSigner.Header("wh_secret_of_another_endpoint", _clock.GetUtcNow(), body));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(_app.Logged(SignatureMismatchEvent));
        await AssertNothingHandledBeforeAValidDeliveryAsync();
    }

    [Theory]
    [InlineData(-181)]
    [InlineData(181)]
    [InlineData(-3600)]
    [InlineData(3600)]
    public async Task A_timestamp_beyond_the_tolerance_in_either_direction_is_refused_401(int offsetSeconds)
    {
        var body = WebhookSigner.Event("event_01SKEWED", "user.created");

        var response = await _app.PostAsync(body, WebhookSigner.Header(WebhookTestApp.Secret, _clock.GetUtcNow().AddSeconds(offsetSeconds), body));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(_app.Logged(OutsideToleranceEvent));
        await AssertNothingHandledBeforeAValidDeliveryAsync();
    }

    [Theory]
    [InlineData(-179)]
    [InlineData(179)]
    public async Task A_timestamp_within_the_tolerance_in_either_direction_is_accepted(int offsetSeconds)
    {
        var body = WebhookSigner.Event("event_01CLOSE", "user.created");

        var response = await _app.PostAsync(body, WebhookSigner.Header(WebhookTestApp.Secret, _clock.GetUtcNow().AddSeconds(offsetSeconds), body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("event_01CLOSE", (await NextAsync()).Id);
    }

    [Fact]
    public async Task The_tolerance_follows_the_apps_clock()
    {
        var body = WebhookSigner.Event("event_01LATE", "user.created");
        var header = WebhookSigner.Header(WebhookTestApp.Secret, _clock.GetUtcNow(), body);
        _clock.Advance(TimeSpan.FromSeconds(181));

        var response = await _app.PostAsync(body, header);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(_app.Logged(OutsideToleranceEvent));
    }

    [Fact]
    public async Task During_rotation_a_delivery_signed_with_either_secret_is_accepted()
    {
        await _app.DisposeAsync();
        _app = await StartAsync(o =>
        {
            o.Secrets.Add("wh_secret_old");
            o.Secrets.Add("wh_secret_new");
        });
        var old = WebhookSigner.Event("event_01OLD", "user.created");
        var current = WebhookSigner.Event("event_01NEW", "user.created");

        var first = await _app.PostAsync(old, WebhookSigner.Header("wh_secret_old", _clock.GetUtcNow(), old));
        var second = await _app.PostAsync(current, WebhookSigner.Header("wh_secret_new", _clock.GetUtcNow(), current));
        var third = await _app.PostAsync(current, WebhookSigner.Header("wh_secret_retired", _clock.GetUtcNow(), current));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, third.StatusCode);
        Assert.Equal("event_01OLD", (await NextAsync()).Id);
        Assert.Equal("event_01NEW", (await NextAsync()).Id);
    }

    [Theory]
    [InlineData("""{ "object": "event", "id": "event_01RESER", "event": "user.created", "data": {"id":"x"}, "created_at": "2026-12-01T10:00:00.000Z" }""")]
    [InlineData("""{"id":"event_01RESER","object":"event","event":"user.created","data":{"id":"x"},"created_at":"2026-12-01T10:00:00.000Z"}""")]
    [InlineData("""{"object":"event","id":"event_01RESER","event":"user.created","data":{"id":"x"},"created_at":"2026-12-01T10:00:00.000Z"}""" + "\n")]
    public async Task The_same_json_with_other_whitespace_or_key_order_is_refused_because_the_raw_bytes_are_signed(string reserialized)
    {
        var signed = WebhookSigner.Event("event_01RESER", "user.created");
        Assert.NotEqual(signed, reserialized);

        var response = await _app.PostAsync(reserialized, WebhookSigner.Header(WebhookTestApp.Secret, _clock.GetUtcNow(), signed));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(_app.Logged(SignatureMismatchEvent));
        await AssertNothingHandledBeforeAValidDeliveryAsync();
    }

    [Fact]
    public async Task A_header_with_several_v1_values_spaces_and_unknown_parts_is_accepted_when_one_value_matches()
    {
        var body = WebhookSigner.Event("event_01SEVERAL", "user.created");
        var t = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var header = $"  v0=legacy ,, flag ,v1={WebhookSigner.Signature("wh_secret_retired", t, body)},  t = {t} ,scheme=hmac, v1={WebhookSigner.Signature(WebhookTestApp.Secret, t, body)}  ";

        var response = await _app.PostAsync(body, header);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("event_01SEVERAL", (await NextAsync()).Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nonsense")]
    [InlineData("t=, v1=")]
    [InlineData("t=soon, v1={sig}")]
    [InlineData("t=-5, v1={sig}")]
    [InlineData("t={t}")]
    [InlineData("v1={sig}")]
    [InlineData("t={t}, v1=not-hex-at-all")]
    [InlineData("t={t}, v1=abcd")]
    [InlineData("t={t}, t={t}, v1={sig}")]
    [InlineData("t=99999999999999999999999, v1={sig}")]
    public async Task A_missing_or_garbled_signature_header_is_refused_400(string? header)
    {
        var body = WebhookSigner.Event("event_01GARBLED", "user.created");
        var t = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var sent = header?.Replace("{t}", t.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{sig}", WebhookSigner.Signature(WebhookTestApp.Secret, t, body), StringComparison.Ordinal);

        var response = await _app.PostAsync(body, sent);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(_app.Logged(MalformedSignatureEvent));
        await AssertNothingHandledBeforeAValidDeliveryAsync();
    }

    [Fact]
    public async Task Two_signature_headers_are_refused_400_even_when_one_is_valid()
    {
        var body = WebhookSigner.Event("event_01TWOHEADERS", "user.created");
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookTestApp.Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("WorkOS-Signature", WebhookSigner.Header(WebhookTestApp.Secret, _clock.GetUtcNow(), body));
        request.Headers.TryAddWithoutValidation("WorkOS-Signature", WebhookSigner.Header("wh_secret_other", _clock.GetUtcNow(), body));

        var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(_app.Logged(MalformedSignatureEvent));
        await AssertNothingHandledBeforeAValidDeliveryAsync();
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_413_by_its_content_length()
    {
        var body = WebhookSigner.Event("event_01BIG", "user.created", $$"""{"id":"x","padding":"{{new string('a', 2 * 1024 * 1024)}}"}""");

        var response = await _app.PostAsync(body, WebhookSigner.Header(WebhookTestApp.Secret, _clock.GetUtcNow(), body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(_app.Logged(BodyTooLargeEvent));
        await AssertNothingHandledBeforeAValidDeliveryAsync();
    }

    [Fact]
    public async Task A_body_declared_over_the_limit_is_refused_413_without_waiting_for_it()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            using var content = new WebhookTestApp.StalledContent(2 * 1024 * 1024, release.Task);

            var response = await _app.PostAsync(content, WebhookSigner.Header(WebhookTestApp.Secret, _clock.GetUtcNow(), "{}")).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.True(_app.Logged(BodyTooLargeEvent));
        }
        finally
        {
            release.SetResult();
        }
    }

    [Fact]
    public async Task A_body_over_the_limit_without_a_content_length_is_refused_413_once_the_limit_is_read()
    {
        var body = WebhookSigner.Event("event_01BIGSTREAM", "user.created", $$"""{"id":"x","padding":"{{new string('a', 2 * 1024 * 1024)}}"}""");
        using var content = new WebhookTestApp.UnsizedContent(Encoding.UTF8.GetBytes(body));

        var response = await _app.PostAsync(content, WebhookSigner.Header(WebhookTestApp.Secret, _clock.GetUtcNow(), body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(_app.Logged(BodyTooLargeEvent));
        await AssertNothingHandledBeforeAValidDeliveryAsync();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"object":"event","event":"user.created","data":{}}""")]
    [InlineData("""{"object":"event","id":"event_01NOTYPE","data":{}}""")]
    [InlineData("[]")]
    public async Task A_validly_signed_body_that_is_not_an_event_is_refused_400(string body)
    {
        var response = await _app.PostAsync(body, WebhookSigner.Header(WebhookTestApp.Secret, _clock.GetUtcNow(), body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(_app.Logged(NotAnEventEvent));
        await AssertNothingHandledBeforeAValidDeliveryAsync();
    }

    [Fact]
    public async Task No_refusal_is_a_500_and_no_log_line_carries_the_secret()
    {
        var body = WebhookSigner.Event("event_01QUIET", "user.created");
        var header = WebhookSigner.Header("wh_secret_other", _clock.GetUtcNow(), body);

        var response = await _app.PostAsync(body, header);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(_app.Logs.Entries, e => e.Message.Contains(WebhookTestApp.Secret, StringComparison.Ordinal) || e.Exception is not null);
    }

    private Task<WebhookTestApp> StartAsync(Action<WorkOSWebhookOptions> configure) =>
        WebhookTestApp.StartAsync(_clock, webhooks => webhooks.OnAny((e, _) => _delivered.Writer.WriteAsync(e).AsTask()), configure);

    private async Task<WorkOSEvent> NextAsync() => await _delivered.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    private async Task AssertNothingHandledBeforeAValidDeliveryAsync()
    {
        var body = WebhookSigner.Event("event_01SENTINEL", "user.created");
        var response = await _app.PostAsync(body, WebhookSigner.Header(WebhookTestApp.Secret, _clock.GetUtcNow(), body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("event_01SENTINEL", (await NextAsync()).Id);
    }
}
