namespace WorkOS.AspNetCore.Emulator.State;

/// <summary>The result of redeeming an SSO code: the access token and profile, or an OAuth error.</summary>
internal sealed record SsoGrantOutcome(string? AccessToken, SsoProfile? Profile, string? Error, string? Description)
{
    public static SsoGrantOutcome Fail(string error, string description) => new(null, null, error, description);
}
