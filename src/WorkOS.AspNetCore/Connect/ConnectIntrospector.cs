using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Threading;

namespace WorkOS.AspNetCore.Connect;

/// <summary>What introspection said of a token.</summary>
internal enum IntrospectionVerdict
{
    Active,
    Inactive,
    Unavailable,
}

/// <summary>
/// Asks the AuthKit domain's RFC 7662 endpoint whether a token is active, authenticating with the API's client
/// credentials (HTTP Basic), through the library's named client (bounded answer, no redirects, its timeout on the app's
/// clock). Answers are reused for <see cref="WorkOSConnectOptions.IntrospectionCacheDuration"/> (never past the token's
/// expiry), one call per token at a time; failures are not cached and fail closed.
/// </summary>
internal sealed class ConnectIntrospector(IHttpClientFactory httpClientFactory, TimeProvider time, ILogger<ConnectIntrospector> logger)
{
    internal const int MaxCachedAnswers = 10_000;
    private const int MaxAnswerBytes = 64 * 1024;

    private readonly ConcurrentDictionary<string, (bool Active, long Until)> _answers = new(StringComparer.Ordinal);
    private readonly SingleFlight<string, IntrospectionVerdict> _calls = new(StringComparer.Ordinal);

    public async Task<IntrospectionVerdict> IntrospectAsync(string token, DateTimeOffset tokenExpiry, string? endpoint, WorkOSConnectOptions options,
        CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var now = time.GetUtcNow();
        if (_answers.TryGetValue(key, out var cached))
        {
            if (cached.Until > now.UtcTicks)
            {
                return cached.Active ? IntrospectionVerdict.Active : IntrospectionVerdict.Inactive;
            }

            _answers.TryRemove(key, out _);
        }

        var verdict = await _calls.RunAsync(key, (_, s) => s.Self.CallAsync(s.Token, s.Endpoint, s.Options), (Self: this, Token: token, Endpoint: endpoint, Options: options),
            CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (verdict != IntrospectionVerdict.Unavailable && options.IntrospectionCacheDuration > TimeSpan.Zero)
        {
            var until = Math.Min((now + options.IntrospectionCacheDuration).UtcTicks, tokenExpiry.UtcTicks);
            if (_answers.Count >= MaxCachedAnswers)
            {
                foreach (var (k, v) in _answers)
                {
                    if (v.Until <= now.UtcTicks)
                    {
                        _answers.TryRemove(k, out _);
                    }
                }
            }

            if (_answers.Count < MaxCachedAnswers)
            {
                _answers[key] = (verdict == IntrospectionVerdict.Active, until);
            }
        }

        return verdict;
    }

    private async Task<IntrospectionVerdict> CallAsync(string token, string? endpoint, WorkOSConnectOptions options)
    {
        if (string.IsNullOrEmpty(endpoint) || string.IsNullOrEmpty(options.IntrospectionClientId) || string.IsNullOrEmpty(options.IntrospectionClientSecret))
        {
            logger.IntrospectionFailed(endpoint, new InvalidOperationException(string.IsNullOrEmpty(endpoint)
                ? "The discovery document names no introspection_endpoint."
                : "IntrospectionClientId and IntrospectionClientSecret are not set."));
            return IntrospectionVerdict.Unavailable;
        }

        try
        {
            var http = httpClientFactory.CreateClient(WorkOSAuthKitDefaults.HttpClientName);
            using var deadline = http.Timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(http.Timeout, time);
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new FormUrlEncodedContent([new("token", token), new("token_type_hint", "access_token")]),
            };
            request.Headers.Authorization = ClientCredentials.BasicHeader(options.IntrospectionClientId, options.IntrospectionClientSecret);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline?.Token ?? CancellationToken.None)
                .ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new IOException($"The introspection endpoint answered {(int)response.StatusCode}.");
            }

            var body = await BoundedContent.ReadAsync(response.Content, MaxAnswerBytes, deadline?.Token ?? CancellationToken.None).ConfigureAwait(false)
                ?? throw new IOException($"The introspection answer is over {MaxAnswerBytes} bytes.");
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("active", out var active)
                || active.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new InvalidDataException("The introspection answer has no boolean 'active'.");
            }

            if (active.ValueKind == JsonValueKind.False)
            {
                logger.IntrospectionInactive();
                return IntrospectionVerdict.Inactive;
            }

            return IntrospectionVerdict.Active;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException or JsonException or InvalidDataException)
        {
            logger.IntrospectionFailed(endpoint, ex);
            return IntrospectionVerdict.Unavailable;
        }
    }
}
