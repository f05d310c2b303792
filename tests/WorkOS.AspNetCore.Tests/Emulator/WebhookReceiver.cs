using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>
/// A webhook endpoint for tests: records every POST the emulator makes and answers with the scripted statuses (then
/// 200), throws for a status of 0, as an unreachable endpoint would, never answers for -1 (until the emulator gives up waiting), and fails with an unexpected exception for -2.
/// </summary>
internal sealed class WebhookReceiver(params int[] statuses) : HttpMessageHandler
{
    private readonly ConcurrentQueue<int> _script = new(statuses);

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Completes when the first request has arrived.</summary>
    public TaskCompletionSource FirstArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HttpClient CreateClient() => new(this, disposeHandler: false);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var signature = request.Headers.TryGetValues("WorkOS-Signature", out var values) ? string.Join(",", values) : null;
        Received.Enqueue(new ReceivedWebhook(request.Method, request.RequestUri!, signature, request.Content?.Headers.ContentType?.MediaType, body));
        FirstArrived.TrySetResult();
        var status = _script.TryDequeue(out var next) ? next : 200;
        if (status == -2)
        {
            throw new NotSupportedException("A handler that fails in its own way.");
        }

        if (status == -1)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        if (status == 0)
        {
            throw new HttpRequestException("Connection refused.");
        }

        return new HttpResponseMessage((HttpStatusCode)status);
    }
}

/// <summary>One POST the emulator made to a <see cref="WebhookReceiver"/>.</summary>
internal sealed record ReceivedWebhook(HttpMethod Method, Uri Url, string? Signature, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>Checks the <c>WorkOS-Signature</c> header the way WorkOS documents it; the header's timestamp.</summary>
    public long VerifySignature(string secret)
    {
        Assert.NotNull(Signature);
        var parts = Signature!.Split(',', StringSplitOptions.TrimEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(parts["t"] + "." + Body));
        Assert.True(
            CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(parts["v1"])),
            $"The signature {Signature} does not match the body with the secret.");
        Assert.Matches("^[0-9a-f]{64}$", parts["v1"]);
        return long.Parse(parts["t"], System.Globalization.CultureInfo.InvariantCulture);
    }
}
