using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WorkOS.AspNetCore.Emulator;

/// <summary>
/// Settings of a <see cref="WorkOSEmulator"/>. They are read live by the running emulator, so a test may change
/// them after start (for example <see cref="RedirectUris"/>), although the control methods of the emulator are
/// the preferred way.
/// </summary>
public sealed class WorkOSEmulatorOptions
{
    /// <summary>The client id the emulator accepts (WorkOS's <c>client_...</c>). Default <c>client_emulator</c>.</summary>
    public string ClientId { get; set; } = "client_emulator";

    /// <summary>
    /// The API key the emulator accepts as bearer token and as <c>client_secret</c>. Default <c>sk_test_emulator</c>.
    /// </summary>
    public string ApiKey { get; set; } = "sk_test_emulator";

    /// <summary>
    /// The registered sign-in redirect URIs, compared exactly. When empty, any <c>http</c> or <c>https</c> URI whose
    /// host is a loopback address or <c>localhost</c> is allowed.
    /// </summary>
    public IList<string> RedirectUris { get; set; } = new List<string>();

    /// <summary>
    /// The registered sign-out return URIs (<c>return_to</c> of the logout endpoint), with the same rule as
    /// <see cref="RedirectUris"/>.
    /// </summary>
    public IList<string> LogoutRedirectUris { get; set; } = new List<string>();

    /// <summary>Lifetime of issued access tokens. Default 5 minutes, like WorkOS.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// WorkOS's refresh-token replay grace: a second exchange of a just-spent refresh token within this time (on
    /// <see cref="TimeProvider"/>) returns the same new pair instead of <c>invalid_grant</c>, as long as that pair has
    /// not been spent and the session is active. Default 30 seconds, like WorkOS; <see cref="TimeSpan.Zero"/> turns it off.
    /// </summary>
    public TimeSpan RefreshTokenReplayGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lifetime of authorization codes. Default 10 minutes, like WorkOS.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The <c>iss</c> claim of issued access tokens. When left <see langword="null"/>, the emulator sets it at start to
    /// <c>{BaseUrl}/user_management/{ClientId}</c> (the form newer WorkOS environments use).
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// The clock used for token times, code expiry, session and request timestamps, and injected latency. Default
    /// <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Whether the emulator answers its control API under <c>/_emulator/</c> (faults, key rotation, token lifetime, roles,
    /// permissions, flags, session revocation, the request log) for tests written in any language. Default
    /// <see langword="false"/>; the <c>workos-emulator</c> tool turns it on. Even when on, it answers only callers on a
    /// loopback address, for a loopback <c>Host</c>, with JSON bodies: others get 403 (or 415).
    /// </summary>
    public bool EnableControlApi { get; set; }

    /// <summary>Where the emulator writes its log lines (refused control API calls among them). Default none.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>
    /// The client that POSTs webhook deliveries. Tests hand it an in-process handler (a TestServer's, or a recording
    /// handler); the emulator does not dispose it. When <see langword="null"/> (default), the emulator uses its own.
    /// </summary>
    public HttpClient? WebhookHttpClient { get; set; }

    /// <summary>How many times a webhook delivery is tried before it is recorded as failed. Default 4.</summary>
    public int WebhookMaxAttempts { get; set; } = 4;

    /// <summary>The wait, on <see cref="TimeProvider"/>, before the first retry of a failed delivery; it doubles for each next one. Default 1 second.</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The client that POSTs AuthKit Actions requests. Tests hand it an in-process handler (a TestServer's); the emulator
    /// does not dispose it. When <see langword="null"/> (default), the emulator uses its own.
    /// </summary>
    public HttpClient? ActionHttpClient { get; set; }

    /// <summary>How long, on <see cref="TimeProvider"/>, a sign-in waits for an action's answer before it is denied. Default 10 seconds.</summary>
    public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// WorkOS's rate limit of the custom sign-in grants of <c>POST /user_management/authenticate</c>: attempts allowed per
    /// <see cref="AuthenticateRateLimitWindow"/> for one email (password, Magic Auth) or one challenge (the pending token
    /// or authentication challenge of the email verification, organization selection and TOTP grants); beyond it the
    /// answer is <c>429</c> with <c>Retry-After</c>. Default 10, like WorkOS; 0 turns it off.
    /// </summary>
    public int AuthenticateRateLimit { get; set; } = 10;

    /// <summary>The window of <see cref="AuthenticateRateLimit"/>, on <see cref="TimeProvider"/>. Default 60 seconds, like WorkOS.</summary>
    public TimeSpan AuthenticateRateLimitWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The app's password reset page: the link of a password reset email and the <c>password_reset_url</c> of
    /// <c>POST /user_management/password_reset</c>, with <c>?token=</c> added. Default <c>http://localhost:5000/reset-password</c>.
    /// </summary>
    public string PasswordResetUrl { get; set; } = "http://localhost:5000/reset-password";

    /// <summary>
    /// The app's invitation page: the link of an invitation email and its <c>accept_invitation_url</c>, with
    /// <c>?invitation_token=</c> added. Default <c>http://localhost:5000/invite</c>.
    /// </summary>
    public string AcceptInvitationUrl { get; set; } = "http://localhost:5000/invite";

    /// <summary>The users, organizations, roles, memberships and API keys the emulator starts with.</summary>
    public EmulatorSeed Seed { get; set; } = EmulatorSeed.CreateDefault();
}
