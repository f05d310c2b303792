using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Tokens;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// What the API client and token validation need from an AuthKit scheme's options, once its client settings are
/// resolved: the API client and the validators take plain values and never see the scheme's options.
/// </summary>
internal static class WorkOSAuthKitApiSettings
{
    extension(WorkOSApiSettings)
    {
        /// <summary>The API settings of an AuthKit scheme.</summary>
        public static WorkOSApiSettings From(WorkOSAuthKitOptions options) =>
            WorkOSApiSettings.Create(options.ApiBaseUrl, options.ClientId, options.ApiKey);
    }

    /// <summary>The validator for the signing keys of an AuthKit scheme's client.</summary>
    public static AccessTokenValidator Get(this AccessTokenValidators validators, WorkOSAuthKitOptions options) =>
        validators.Get(options.ApiBaseUrl, options.ClientId, options.JwksRefreshInterval, options.JwksAutomaticRefreshInterval);
}
