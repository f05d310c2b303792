using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Emulator.Integration;

/// <summary>
/// The loopback emulator an app falls back to when no WorkOS credentials are configured. Started on first use
/// (when the WorkOS options are first built, during app start), stopped with the app's service provider.
/// It refuses to start outside the Development environment.
/// </summary>
internal sealed partial class OfflineEmulator(IConfiguration configuration, ILogger<OfflineEmulator> logger, Action<WorkOSEmulatorOptions>? configure,
    IHostEnvironment? environment)
    : IAsyncDisposable
{
    internal const string PortKey = "WorkOS:Emulator:Port";
    internal const string AccessTokenLifetimeKey = "WorkOS:Emulator:AccessTokenLifetime";
    private readonly Lazy<WorkOSEmulator> _emulator = new(() => environment?.IsDevelopment() == true
        ? Start(configuration, logger, configure)
        : throw new InvalidOperationException(
            $"The local WorkOS emulator fallback runs only in the Development environment, not in '{environment?.EnvironmentName}'."),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public WorkOSEmulator Emulator => _emulator.Value;

    public async ValueTask DisposeAsync()
    {
        if (_emulator.IsValueCreated)
        {
            await _emulator.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static WorkOSEmulator Start(IConfiguration configuration, ILogger logger, Action<WorkOSEmulatorOptions>? configure)
    {
        var port = configuration.GetValue(PortKey, 0);
        var lifetime = configuration.GetValue<TimeSpan?>(AccessTokenLifetimeKey);
        void Configure(WorkOSEmulatorOptions options)
        {
            if (lifetime is { } value)
            {
                options.AccessTokenLifetime = value;
            }

            configure?.Invoke(options);
        }

        // Options are built synchronously; starting Kestrel on loopback takes milliseconds.
        var emulator = Task.Run(() => WorkOSEmulator.StartAsync(Configure, port)).GetAwaiter().GetResult();
        var users = string.Join(", ", emulator.Options.Seed.Users.Select(u => u.Email));
        LogStarted(logger, emulator.BaseUrl, users);
        Console.WriteLine($"""

            No WorkOS credentials are configured (WorkOS:ClientId / WORKOS_CLIENT_ID), so this app signs in against the
            local AuthKit emulator at {emulator.BaseUrl}. Users you can sign in as:
            {string.Join(Environment.NewLine, emulator.Options.Seed.Users.Select(u => $"  - {u.Email} ({u.FirstName} {u.LastName})"))}
            Set WorkOS:ClientId and WorkOS:ApiKey (or WORKOS_CLIENT_ID / WORKOS_API_KEY) to use WorkOS itself.

            """);
        return emulator;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "No WorkOS credentials configured: using the local AuthKit emulator at {BaseUrl} (users: {Users}).")]
    private static partial void LogStarted(ILogger logger, Uri baseUrl, string users);
}
