using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.Emulator.Integration;

/// <summary>Points AuthKit schemes that have no client id at the offline emulator.</summary>
internal sealed class OfflineEmulatorPostConfigure(OfflineEmulator offline) : IPostConfigureOptions<WorkOSAuthKitOptions>
{
    public void PostConfigure(string? name, WorkOSAuthKitOptions options)
    {
        if (!string.IsNullOrEmpty(options.ClientId))
        {
            return;
        }

        var emulator = offline.Emulator;
        options.ClientId = emulator.ClientId;
        options.ApiKey = emulator.ApiKey;
        options.ApiBaseUrl = emulator.BaseUrl.ToString().TrimEnd('/');
    }
}
