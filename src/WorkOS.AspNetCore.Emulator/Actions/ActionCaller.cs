using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator.Webhooks;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Actions;

/// <summary>
/// Calls the authentication action's endpoint during a sign-in, and the user registration action's during a sign-up, as
/// AuthKit does: POSTs the context signed in
/// <c>WorkOS-Signature</c> with the Actions secret, through <see cref="WorkOSEmulatorOptions.ActionHttpClient"/>, waits at
/// most <see cref="WorkOSEmulatorOptions.ActionTimeout"/>, and takes the answer only when it is a 200 with the right object,
/// a signature over <c>timestamp + "." + payload</c> (the payload's text as sent) under the same secret, a timestamp within
/// 30 seconds and a known verdict. Anything else denies, as WorkOS does by default. Both kinds of action are called and
/// checked the same way; only the context and the answer's <c>object</c> differ.
/// </summary>
internal sealed class ActionCaller : IDisposable
{
    public const string AuthenticationKind = "authentication";
    public const string UserRegistrationKind = "user_registration";
    private const int MaxErrorMessageLength = 500;
    private const int MaxAnswerBytes = 64 * 1024;
    private static readonly TimeSpan AnswerTolerance = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly List<EmulatorActionCall> _calls = [];
    private readonly WorkOSEmulatorOptions _options;
    private readonly ILogger _logger;
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private SeedActionEndpoint? _authentication;
    private SeedActionEndpoint? _userRegistration;

    public ActionCaller(WorkOSEmulatorOptions options)
    {
        _options = options;
        _logger = options.LoggerFactory.CreateLogger("WorkOS.AspNetCore.Emulator.Actions");
        _ownsClient = options.ActionHttpClient is null;
        _client = options.ActionHttpClient ?? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        try
        {
            if (options.Seed.AuthenticationAction is { } authentication)
            {
                SetAuthentication(authentication.Url, authentication.Secret);
            }

            if (options.Seed.UserRegistrationAction is { } userRegistration)
            {
                SetUserRegistration(userRegistration.Url, userRegistration.Secret);
            }
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException("Invalid emulator seed: " + e.Message, e);
        }
    }

    private TimeProvider Time => _options.TimeProvider;

    /// <summary>Whether an authentication action is set.</summary>
    public bool HasAuthentication
    {
        get
        {
            lock (_gate)
            {
                return _authentication is not null;
            }
        }
    }

    /// <summary>Whether a user registration action is set.</summary>
    public bool HasUserRegistration
    {
        get
        {
            lock (_gate)
            {
                return _userRegistration is not null;
            }
        }
    }

    /// <summary>Sets (or replaces) the authentication action's endpoint; the reason it is refused, as an <see cref="ArgumentException"/>.</summary>
    public void SetAuthentication(string? url, string? secret)
    {
        var endpoint = Validate(url, secret);
        lock (_gate)
        {
            _authentication = endpoint;
        }

        ActionLog.Registered(_logger, AuthenticationKind, endpoint.Url);
    }

    /// <summary>Sets (or replaces) the user registration action's endpoint; the reason it is refused, as an <see cref="ArgumentException"/>.</summary>
    public void SetUserRegistration(string? url, string? secret)
    {
        var endpoint = Validate(url, secret);
        lock (_gate)
        {
            _userRegistration = endpoint;
        }

        ActionLog.Registered(_logger, UserRegistrationKind, endpoint.Url);
    }

    public IReadOnlyList<EmulatorActionCall> Snapshot()
    {
        lock (_gate)
        {
            return [.. _calls];
        }
    }

    /// <summary>
    /// Asks the authentication action whether <paramref name="context"/>'s sign-in may go on. Null when no action is set
    /// (the sign-in goes on); otherwise the recorded call, whose <see cref="EmulatorActionCall.Allowed"/> decides.
    /// </summary>
    public Task<EmulatorActionCall?> AuthenticateAsync(AuthenticationActionContextDto context, CancellationToken cancellationToken)
    {
        SeedActionEndpoint? endpoint;
        lock (_gate)
        {
            endpoint = _authentication;
        }

        return endpoint is null
            ? Task.FromResult<EmulatorActionCall?>(null)
            : CallAsync(
                AuthenticationKind,
                endpoint,
                context.Id,
                context.User.Id,
                JsonSerializer.Serialize(context, ActionJsonContext.Default.AuthenticationActionContextDto),
                cancellationToken);
    }

    /// <summary>
    /// Asks the user registration action whether <paramref name="context"/>'s sign-up may create its user. Null when no
    /// action is set (the sign-up goes on); otherwise the recorded call (its user is the email signing up), whose
    /// <see cref="EmulatorActionCall.Allowed"/> decides.
    /// </summary>
    public Task<EmulatorActionCall?> RegisterAsync(UserRegistrationActionContextDto context, CancellationToken cancellationToken)
    {
        SeedActionEndpoint? endpoint;
        lock (_gate)
        {
            endpoint = _userRegistration;
        }

        return endpoint is null
            ? Task.FromResult<EmulatorActionCall?>(null)
            : CallAsync(
                UserRegistrationKind,
                endpoint,
                context.Id,
                context.UserData.Email,
                JsonSerializer.Serialize(context, ActionJsonContext.Default.UserRegistrationActionContextDto),
                cancellationToken);
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private static SeedActionEndpoint Validate(string? url, string? secret)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new ArgumentException($"The action URL '{url}' is not an absolute http or https URL without credentials.", nameof(url));
        }

        if (string.IsNullOrEmpty(secret))
        {
            throw new ArgumentException("An action endpoint needs a secret to sign its requests and check its answers with.", nameof(secret));
        }

        return new SeedActionEndpoint { Url = uri.AbsoluteUri, Secret = secret };
    }

    private async Task<EmulatorActionCall?> CallAsync(string kind, SeedActionEndpoint endpoint, string actionId, string subject, string body,
        CancellationToken cancellationToken)
    {
        var (status, answer) = await SendAsync(endpoint, body, cancellationToken).ConfigureAwait(false);
        var (allowed, message, problem) = status is null
            ? (false, null, answer ?? "no answer")
            : Check(status.Value, answer!, endpoint.Secret, kind + "_action_response");
        var call = new EmulatorActionCall(kind, actionId, endpoint.Url, subject, status, allowed, message, problem, body);
        lock (_gate)
        {
            _calls.Add(call);
        }

        if (problem is null)
        {
            ActionLog.Answered(_logger, kind, actionId, subject, allowed ? "Allow" : "Deny");
        }
        else
        {
            ActionLog.Invalid(_logger, kind, actionId, subject, endpoint.Url, problem);
        }

        return call;
    }

    /// <summary>The status and the answer's text, or no status and why there was no answer.</summary>
    private async Task<(int? Status, string? Answer)> SendAsync(SeedActionEndpoint endpoint, string body, CancellationToken cancellationToken)
    {
        // Bounded on the emulator's clock: a sign-in never waits longer than ActionTimeout for the app.
        using var timeout = new CancellationTokenSource(_options.ActionTimeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
            {
                Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            request.Headers.TryAddWithoutValidation(
                WebhookSignature.HeaderName,
                WebhookSignature.Create(endpoint.Secret, Time.GetUtcNow().ToUnixTimeMilliseconds(), body));
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var answer = await ReadBoundedAsync(response.Content, linked.Token).ConfigureAwait(false);
            return ((int)response.StatusCode, answer ?? string.Empty);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {_options.ActionTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (Exception e) when (e is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            // Whatever the endpoint or its client does (refuses, resets, throws), there is no answer.
            return (null, $"unreachable ({e.GetType().Name})");
        }
    }

    private static async Task<string?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxAnswerBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Whether a 200 answer allows the sign-in or sign-up, its message, and what is wrong with it (null when it is valid).</summary>
    private (bool Allowed, string? Message, string? Problem) Check(int status, string answer, string secret, string expectedObject)
    {
        if (status != 200)
        {
            return (false, null, $"answered {status.ToString(CultureInfo.InvariantCulture)}, not 200");
        }

        if (answer.Length == 0)
        {
            return (false, null, $"the answer is empty or over {MaxAnswerBytes} bytes");
        }

        try
        {
            using var document = JsonDocument.Parse(answer);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("object", out var kind) || kind.ValueKind != JsonValueKind.String
                || kind.GetString() != expectedObject)
            {
                return (false, null, $"the answer's object is not {expectedObject}");
            }

            if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object
                || !payload.TryGetProperty("timestamp", out var timestamp) || timestamp.ValueKind != JsonValueKind.Number
                || !timestamp.TryGetInt64(out var unixMilliseconds))
            {
                return (false, null, "the answer has no payload with an integer timestamp");
            }

            if (!root.TryGetProperty("signature", out var signature) || signature.ValueKind != JsonValueKind.String
                || signature.GetString() is not { Length: 64 } hex || !hex.All(char.IsAsciiHexDigit))
            {
                return (false, null, "the answer has no hex signature");
            }

            // Signed over the timestamp and the payload exactly as the endpoint wrote them.
            var expected = HMACSHA256.HashData(
                Encoding.UTF8.GetBytes(secret),
                Encoding.UTF8.GetBytes(timestamp.GetRawText() + "." + payload.GetRawText()));
            if (!CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(hex)))
            {
                return (false, null, "the answer's signature does not match its payload under the Actions secret");
            }

            var skew = TimeSpan.FromMilliseconds(Math.Abs((double)Time.GetUtcNow().ToUnixTimeMilliseconds() - unixMilliseconds));
            if (skew > AnswerTolerance)
            {
                return (false, null, "the answer's timestamp is more than 30 seconds from the emulator's clock");
            }

            var verdict = payload.TryGetProperty("verdict", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (verdict is "Allow" or "allow")
            {
                return (true, null, null);
            }

            if (verdict is not ("Deny" or "deny"))
            {
                return (false, null, "the answer's verdict is neither Allow nor Deny");
            }

            if (!payload.TryGetProperty("error_message", out var error) || error.ValueKind == JsonValueKind.Null)
            {
                return (false, null, null);
            }

            return error.ValueKind == JsonValueKind.String && error.GetString() is { Length: <= MaxErrorMessageLength } message
                ? (false, message.Length == 0 ? null : message, null)
                : (false, null, $"the answer's error_message is not a string of at most {MaxErrorMessageLength} characters");
        }
        catch (JsonException)
        {
            return (false, null, "the answer is not JSON");
        }
    }
}
