using Microsoft.AspNetCore.Builder;
using WorkOS.AspNetCore.Emulator.Hosting;

namespace WorkOS.AspNetCore.Emulator;

/// <summary>
/// A local WorkOS AuthKit emulator: the hosted sign-in page, code and refresh grants, JWKS, sessions,
/// memberships and API key validation, with seeded users and organizations. Run it as a real loopback server
/// (<see cref="StartAsync"/>) for browsers and out-of-process apps, or in process for fast tests through
/// <see cref="CreateHandler"/> (<c>WorkOSEmulator.CreateInProcess</c>, in the WorkOS.AspNetCore.Testing package).
/// </summary>
public sealed partial class WorkOSEmulator : IAsyncDisposable, IDisposable
{
    private readonly EmulatorCore _core;
    private readonly WebApplication _app;
    private readonly Func<HttpMessageHandler>? _inMemoryHandler;
    private int _disposed;

    private WorkOSEmulator(EmulatorCore core, WebApplication app, Uri baseUrl, Func<HttpMessageHandler>? inMemoryHandler)
    {
        _core = core;
        _app = app;
        _inMemoryHandler = inMemoryHandler;
        BaseUrl = baseUrl;
        core.Options.Issuer ??= $"{baseUrl.GetLeftPart(UriPartial.Authority)}/user_management/{core.Options.ClientId}";
    }

    /// <summary>
    /// Starts the emulator on Kestrel, bound to 127.0.0.1 only.
    /// </summary>
    /// <param name="configure">Changes the default options.</param>
    /// <param name="port">The TCP port; 0 picks a free one.</param>
    /// <param name="ct">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop the server.</returns>
    public static async Task<WorkOSEmulator> StartAsync(
        Action<WorkOSEmulatorOptions>? configure = null,
        int port = 0,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var core = CreateCore(configure);
        try
        {
            var (app, baseUrl) = await EmulatorHost.StartKestrelAsync(core, port, ct).ConfigureAwait(false);
            return new WorkOSEmulator(core, app, baseUrl, null);
        }
        catch
        {
            core.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts the emulator on an in-memory server (the Testing package's TestServer), reachable only through
    /// <see cref="CreateHandler"/> and <see cref="CreateClient"/>.
    /// </summary>
    /// <param name="configure">Changes the default options.</param>
    /// <param name="baseUrl">The base URL the server answers on.</param>
    /// <param name="useServer">Registers the server on the emulator's app builder.</param>
    /// <param name="createHandler">Creates a handler that reaches the started app's server.</param>
    /// <returns>The emulator; dispose it when done.</returns>
    internal static WorkOSEmulator StartInMemory(
        Action<WorkOSEmulatorOptions>? configure,
        Uri baseUrl,
        Action<WebApplicationBuilder> useServer,
        Func<WebApplication, HttpMessageHandler> createHandler)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(useServer);
        ArgumentNullException.ThrowIfNull(createHandler);
        var core = CreateCore(configure);
        try
        {
            var app = EmulatorHost.StartOn(core, useServer);
            return new WorkOSEmulator(core, app, baseUrl, () => createHandler(app));
        }
        catch
        {
            core.Dispose();
            throw;
        }
    }

    /// <summary>The emulator's base URL, such as <c>http://127.0.0.1:54321/</c>; use it as the WorkOS API base URL.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The client id the emulator accepts.</summary>
    public string ClientId => _core.Options.ClientId;

    /// <summary>The API key (and client secret) the emulator accepts.</summary>
    public string ApiKey => _core.Options.ApiKey;

    /// <summary>The live options; <see cref="WorkOSEmulatorOptions.Issuer"/> is filled in at start when it was not set.</summary>
    public WorkOSEmulatorOptions Options => _core.Options;

    /// <summary>
    /// A handler that reaches the emulator: the in-memory server's handler in process, otherwise a new
    /// <see cref="SocketsHttpHandler"/>. Neither follows redirects nor keeps cookies.
    /// </summary>
    /// <returns>A new handler; the caller owns it.</returns>
    public HttpMessageHandler CreateHandler()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _inMemoryHandler is not null
            ? _inMemoryHandler()
            : new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
    }

    /// <summary>An <see cref="HttpClient"/> over <see cref="CreateHandler"/> with <see cref="HttpClient.BaseAddress"/> = <see cref="BaseUrl"/>.</summary>
    /// <returns>A new client; the caller owns it.</returns>
    public HttpClient CreateClient() => new(CreateHandler(), disposeHandler: true) { BaseAddress = BaseUrl };

    /// <summary>Stops the server and releases the signing keys.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _core.Dispose();
        }
    }

    /// <summary>Stops the server and releases the signing keys.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static EmulatorCore CreateCore(Action<WorkOSEmulatorOptions>? configure)
    {
        var options = new WorkOSEmulatorOptions();
        configure?.Invoke(options);
        Validate(options);
        return new EmulatorCore(options);
    }

    private static void Validate(WorkOSEmulatorOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            throw new ArgumentException("WorkOSEmulatorOptions.ClientId is required.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new ArgumentException("WorkOSEmulatorOptions.ApiKey is required.", nameof(options));
        }

        if (options.AccessTokenLifetime <= TimeSpan.Zero || options.CodeLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("Token and code lifetimes must be positive.", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.TimeProvider, "options.TimeProvider");
        ArgumentNullException.ThrowIfNull(options.Seed, "options.Seed");
        ArgumentNullException.ThrowIfNull(options.LoggerFactory, "options.LoggerFactory");
        if (options.WebhookMaxAttempts < 1 || options.WebhookRetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("WebhookMaxAttempts must be at least 1 and WebhookRetryDelay not negative.", nameof(options));
        }

        if (options.ActionTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("ActionTimeout must be positive.", nameof(options));
        }

        if (options.AuthenticateRateLimit < 0 || options.AuthenticateRateLimitWindow <= TimeSpan.Zero)
        {
            throw new ArgumentException("AuthenticateRateLimit must not be negative and AuthenticateRateLimitWindow must be positive.", nameof(options));
        }

        if (!Uri.TryCreate(options.PasswordResetUrl, UriKind.Absolute, out _) || !Uri.TryCreate(options.AcceptInvitationUrl, UriKind.Absolute, out _))
        {
            throw new ArgumentException("PasswordResetUrl and AcceptInvitationUrl must be absolute URLs.", nameof(options));
        }

        options.RedirectUris ??= new List<string>();
        options.LogoutRedirectUris ??= new List<string>();
    }
}
