using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.Emulator.Integration;

/// <summary>
/// Points AuthKit schemes that have no client id at the offline emulator, in the Development environment only.
/// Elsewhere it leaves the options alone, so the missing settings fail startup validation.
/// </summary>
internal sealed partial class OfflineEmulatorPostConfigure(
    OfflineEmulator offline, ILogger<OfflineEmulatorPostConfigure> logger, IHostEnvironment? environment = null)
    : IPostConfigureOptions<WorkOSAuthKitOptions>
{
    public void PostConfigure(string? name, WorkOSAuthKitOptions options)
    {
        if (!string.IsNullOrEmpty(options.ClientId))
        {
            return;
        }

        if (environment?.IsDevelopment() != true)
        {
            LogFallbackOff(logger, name ?? Options.DefaultName, environment?.EnvironmentName ?? "(none)");
            return;
        }

        var emulator = offline.Emulator;
        options.ClientId = emulator.ClientId;
        options.ApiKey = emulator.ApiKey;
        options.ApiBaseUrl = emulator.BaseUrl.ToString().TrimEnd('/');
        options.AllowHttpApiBaseUrl = true;
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "No WorkOS client id configured for scheme {Scheme}: the local emulator fallback runs only in the Development environment, not in {Environment}.")]
    private static partial void LogFallbackOff(ILogger logger, string scheme, string environment);
}
