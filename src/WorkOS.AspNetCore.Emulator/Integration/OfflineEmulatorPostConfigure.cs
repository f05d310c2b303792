using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Emulator.Integration;

/// <summary>
/// Points the app's WorkOS client settings at the offline emulator when they have no client id, in the Development
/// environment only; every scheme and service that takes its settings from them follows, whatever its name and
/// whenever it was added. Elsewhere it leaves the settings alone, so the missing values fail startup validation.
/// </summary>
internal sealed partial class OfflineEmulatorPostConfigure(
    OfflineEmulator offline, ILogger<OfflineEmulatorPostConfigure> logger, IHostEnvironment? environment = null)
    : IPostConfigureOptions<WorkOSClientOptions>
{
    public void PostConfigure(string? name, WorkOSClientOptions options)
    {
        if (!string.IsNullOrEmpty(options.ClientId))
        {
            return;
        }

        if (environment?.IsDevelopment() != true)
        {
            LogFallbackOff(logger, environment?.EnvironmentName ?? "(none)");
            return;
        }

        var emulator = offline.Emulator;
        options.ClientId = emulator.ClientId;
        options.ApiKey = emulator.ApiKey;
        options.ApiBaseUrl = emulator.BaseUrl.ToString().TrimEnd('/');
        options.AllowHttpApiBaseUrl = true;
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "No WorkOS client id configured: the local emulator fallback runs only in the Development environment, not in {Environment}.")]
    private static partial void LogFallbackOff(ILogger logger, string environment);
}
