using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WorkOS.AspNetCore.Tests.Emulator;

/// <summary>
/// An Actions endpoint for tests: records every POST the emulator makes and answers with <paramref name="answer"/>
/// (by default a validly signed <c>Allow</c>, built here from WorkOS's documentation, not by the library).
/// </summary>
internal sealed class ActionResponder(string secret, Func<ReceivedAction, Task<HttpResponseMessage>>? answer = null) : HttpMessageHandler
{
    public ConcurrentQueue<ReceivedAction> Received { get; } = new();

    /// <summary>Completes when the first request has arrived.</summary>
    public TaskCompletionSource FirstArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HttpClient CreateClient() => new(this, disposeHandler: false);

    /// <summary>A signed answer: <c>{"object", "payload", "signature"}</c> with HMAC-SHA256 over <c>timestamp + "." + payload</c>.</summary>
    public static HttpResponseMessage Signed(string secret, long timestamp, string verdict, string? errorMessage = null, string responseObject = "authentication_action_response")
    {
        var payload = errorMessage is null
            ? $$"""{"timestamp":{{timestamp}},"verdict":"{{verdict}}"}"""
            : $$"""{"timestamp":{{timestamp}},"verdict":"{{verdict}}","error_message":{{JsonSerializer.Serialize(errorMessage)}}}""";
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}")));
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($$"""{"object":"{{responseObject}}","payload":{{payload}},"signature":"{{signature}}"}""", Encoding.UTF8, "application/json"),
        };
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var signature = request.Headers.TryGetValues("WorkOS-Signature", out var values) ? string.Join(",", values) : null;
        var received = new ReceivedAction(request.RequestUri!, signature, body, cancellationToken);
        Received.Enqueue(received);
        FirstArrived.TrySetResult();
        if (answer is not null)
        {
            return await answer(received);
        }

        var t = long.Parse(received.SignedTimestamp(secret), System.Globalization.CultureInfo.InvariantCulture);
        return Signed(secret, t, "Allow");
    }
}

/// <summary>One POST the emulator made to an <see cref="ActionResponder"/>.</summary>
internal sealed record ReceivedAction(Uri Url, string? Signature, string Body, CancellationToken Aborted)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>Checks <c>WorkOS-Signature</c> the way WorkOS documents it and returns the header's timestamp.</summary>
    public string SignedTimestamp(string secret)
    {
        Assert.NotNull(Signature);
        var parts = Signature!.Split(',', StringSplitOptions.TrimEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(parts["t"] + "." + Body));
        Assert.Equal(Convert.ToHexStringLower(expected), parts["v1"]);
        return parts["t"];
    }
}
