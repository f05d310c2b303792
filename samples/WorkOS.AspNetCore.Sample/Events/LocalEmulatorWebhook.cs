using System.Security.Cryptography;
using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.Sample.Events;

/// <summary>
/// Whether the sample runs against a local emulator, and the secret its webhook endpoint there is signed with:
/// generated for this run, given only to the emulator.
/// </summary>
public sealed class LocalEmulatorWebhook
{
    public string Secret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>Set when the sample started the offline emulator (its control API on, for the registration).</summary>
    public bool OfflineEmulatorStarted { get; private set; }

    /// <summary>The options the sample gives the offline emulator, when it starts one.</summary>
    public void ConfigureOfflineEmulator(WorkOSEmulatorOptions options)
    {
        options.EnableControlApi = true; // answers loopback callers only
        OfflineEmulatorStarted = true;
    }

    /// <summary>Whether the sample signs in against an emulator: the offline one, or one a test put in the app's services.</summary>
    public bool AgainstEmulator(IServiceProvider services, WorkOSClientOptions client)
    {
        _ = client.ApiBaseUrl; // the client options are built by now, and with them the offline emulator started
        return OfflineEmulatorStarted || services.GetService<WorkOSEmulator>() is not null;
    }
}
