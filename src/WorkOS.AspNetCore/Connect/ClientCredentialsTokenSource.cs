using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Threading;

namespace WorkOS.AspNetCore.Connect;

/// <summary>
/// Gets and caches client credentials tokens, per named <see cref="HttpClient"/>: one token endpoint call at a time
/// per client however many requests need a token, a token reused until <see cref="WorkOSClientCredentialsOptions.RefreshBeforeExpiry"/>
/// before its expiry (on the app's <see cref="TimeProvider"/>), failures not cached.
/// </summary>
internal sealed class ClientCredentialsTokenSource(IHttpClientFactory httpClientFactory, IOptionsMonitor<WorkOSClientCredentialsOptions> optionsMonitor,
    TimeProvider time, ILogger<ClientCredentialsTokenSource> logger)
{
    private const int MaxAnswerBytes = 64 * 1024;
    private readonly ConcurrentDictionary<string, CachedToken> _tokens = new(StringComparer.Ordinal);
    private readonly SingleFlight<string, CachedToken> _fetches = new(StringComparer.Ordinal);

    /// <summary>A token for the client <paramref name="name"/>: the cached one unless it is <paramref name="rejected"/> or due.</summary>
    public async Task<string> GetAsync(string name, string? rejected, CancellationToken cancellationToken)
    {
        var options = optionsMonitor.Get(name);
        if (_tokens.TryGetValue(name, out var cached) && cached.RefreshAt > time.GetUtcNow() && !string.Equals(cached.Value, rejected, StringComparison.Ordinal))
        {
            return cached.Value;
        }

        var fetched = await _fetches.RunAsync(name, static (key, s) => s.Self.FetchAsync(key, s.Options, s.Rejected), (Self: this, Options: options, Rejected: rejected),
            CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);
        return fetched.Value;
    }

    private async Task<CachedToken> FetchAsync(string name, WorkOSClientCredentialsOptions options, string? rejected)
    {
        // Another caller's fetch may have ended just before this one started.
        if (_tokens.TryGetValue(name, out var cached) && cached.RefreshAt > time.GetUtcNow() && !string.Equals(cached.Value, rejected, StringComparison.Ordinal))
        {
            return cached;
        }

        var endpoint = options.ResolvedTokenEndpoint!;
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (options.Scopes.Count > 0)
        {
            form.Add(new("scope", string.Join(' ', options.Scopes)));
        }

        if (!string.IsNullOrEmpty(options.Resource))
        {
            form.Add(new("resource", options.Resource));
        }

        if (!options.UseBasicAuthentication)
        {
            form.Add(new("client_id", options.ClientId));
            form.Add(new("client_secret", options.ClientSecret));
        }

        try
        {
            var http = httpClientFactory.CreateClient(WorkOSAuthKitDefaults.HttpClientName);
            using var deadline = http.Timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(http.Timeout, time);
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
            if (options.UseBasicAuthentication)
            {
                request.Headers.Authorization = ClientCredentials.BasicHeader(options.ClientId, options.ClientSecret);
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline?.Token ?? CancellationToken.None)
                .ConfigureAwait(false);
            var body = await BoundedContent.ReadAsync(response.Content, MaxAnswerBytes, deadline?.Token ?? CancellationToken.None).ConfigureAwait(false)
                ?? throw new IOException($"The token endpoint's answer is over {MaxAnswerBytes} bytes.");
            if (!response.IsSuccessStatusCode)
            {
                throw new IOException($"The token endpoint answered {(int)response.StatusCode}{OAuthError(body)}.");
            }

            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("access_token", out var token) || token.ValueKind != JsonValueKind.String
                || token.GetString() is not { Length: > 0 } value)
            {
                throw new InvalidDataException("The token endpoint's answer has no access_token.");
            }

            var lifetime = root.TryGetProperty("expires_in", out var expiresIn) && expiresIn.TryGetInt64(out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromMinutes(5);
            var refreshBefore = options.RefreshBeforeExpiry < lifetime / 2 ? options.RefreshBeforeExpiry : lifetime / 2;
            var fetched = new CachedToken(value, time.GetUtcNow() + lifetime - refreshBefore);
            _tokens[name] = fetched;
            logger.ClientTokenFetched(options.ClientId, endpoint, (long)lifetime.TotalSeconds);
            return fetched;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException or JsonException or InvalidDataException)
        {
            logger.ClientTokenFailed(options.ClientId, endpoint, ex.Message, ex);
            throw new HttpRequestException($"No client credentials token could be got for '{options.ClientId}' from {endpoint}: {ex.Message}", ex);
        }
    }

    private static string OAuthError(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String
                ? $" ({LogValue.Caller(error.GetString() ?? string.Empty, 64)})"
                : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);
}
