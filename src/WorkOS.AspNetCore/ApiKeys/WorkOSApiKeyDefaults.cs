namespace WorkOS.AspNetCore.ApiKeys;

/// <summary>Default names and values of the scheme that accepts API keys WorkOS issued to your customers.</summary>
public static class WorkOSApiKeyDefaults
{
    /// <summary>The default name of the API key scheme.</summary>
    public const string AuthenticationScheme = "WorkOS.ApiKey";

    /// <summary>The display name of the API key scheme.</summary>
    public const string DisplayName = "WorkOS API key";

    /// <summary>The default header that may carry the key instead of <c>Authorization: Bearer</c>.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The claim type of the key's id (<c>api_key_...</c>); present only on principals authenticated by an API key.</summary>
    public const string KeyIdClaimType = "api_key_id";

    /// <summary>The configuration section, under <c>WorkOS</c>, with settings for the API key scheme only.</summary>
    public const string ConfigurationSection = "ApiKeys";
}
