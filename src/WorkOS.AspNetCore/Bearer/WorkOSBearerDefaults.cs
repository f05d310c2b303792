namespace WorkOS.AspNetCore.Bearer;

/// <summary>Default names of the schemes that authenticate API requests with WorkOS credentials.</summary>
public static class WorkOSBearerDefaults
{
    /// <summary>The default name of the scheme that accepts AuthKit access tokens as <c>Authorization: Bearer</c>.</summary>
    public const string AuthenticationScheme = "WorkOS.Bearer";

    /// <summary>
    /// The name of the policy scheme added by <c>AddWorkOSApiSchemes()</c>: it hands each request to the bearer scheme
    /// (a JWT) or the API key scheme (anything else), so one endpoint accepts both.
    /// </summary>
    public const string ApiAuthenticationScheme = "WorkOS.Api";

    /// <summary>The display name of the bearer scheme.</summary>
    public const string DisplayName = "WorkOS access token";

    /// <summary>The configuration section, under <c>WorkOS</c>, with settings for the bearer scheme only.</summary>
    public const string ConfigurationSection = "Bearer";
}
