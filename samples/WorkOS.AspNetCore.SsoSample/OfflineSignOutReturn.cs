using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using WorkOS.AspNetCore.Emulator;

namespace WorkOS.AspNetCore.SsoSample;

/// <summary>
/// Offline, the local emulator plays the WorkOS dashboard's "sign-out redirect": once the app listens, its home page
/// becomes the emulator's first logout redirect URI, so SSO logout returns here. Against WorkOS this does nothing.
/// </summary>
internal sealed class OfflineSignOutReturn
{
    private WorkOSEmulatorOptions? _emulator;

    /// <summary>The offline emulator's configuration callback.</summary>
    public void Capture(WorkOSEmulatorOptions options) => _emulator = options;

    /// <summary>Registers the app's addresses with the offline emulator, if it started.</summary>
    public void Register(IServer server)
    {
        if (_emulator is null || server.Features.Get<IServerAddressesFeature>() is not { } addresses)
        {
            return;
        }

        foreach (var address in addresses.Addresses)
        {
            _emulator.LogoutRedirectUris.Add(address.TrimEnd('/') + "/");
        }
    }
}
