namespace WorkOS.AspNetCore.Emulator;

public sealed partial class WorkOSEmulator
{
    /// <summary>
    /// Revokes an API key, as from the WorkOS dashboard: <c>POST /api_keys/validations</c> answers
    /// <c>{"api_key":null}</c> for it from now on.
    /// </summary>
    /// <param name="value">The key's secret value.</param>
    /// <returns><see langword="true"/> when the key existed.</returns>
    public bool RevokeApiKey(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return _core.Store.RevokeApiKey(value);
    }
}
