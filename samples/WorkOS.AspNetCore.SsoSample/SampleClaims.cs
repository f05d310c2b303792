namespace WorkOS.AspNetCore.SsoSample;

/// <summary>Claims the sample adds to the SSO principal.</summary>
internal static class SampleClaims
{
    /// <summary>The id of the app's own user the profile is linked to.</summary>
    public const string AppUserId = "app_user_id";
}
