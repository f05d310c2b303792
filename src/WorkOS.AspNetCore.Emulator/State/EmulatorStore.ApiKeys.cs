using System.Security.Cryptography;
using System.Text;

namespace WorkOS.AspNetCore.Emulator.State;

internal sealed partial class EmulatorStore
{
    /// <summary>Removes the API key with this value, as if revoked in the WorkOS dashboard.</summary>
    /// <returns><see langword="true"/> when such a key existed.</returns>
    public bool RevokeApiKey(string value)
    {
        var presented = Encoding.UTF8.GetBytes(value);
        lock (_gate)
        {
            return _apiKeys.RemoveAll(k => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(k.Value), presented)) > 0;
        }
    }
}
