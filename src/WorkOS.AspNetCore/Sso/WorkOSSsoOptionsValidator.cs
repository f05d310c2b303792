using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Sso;

/// <summary>Validates <see cref="WorkOSSsoOptions"/> at startup with messages that say what to set.</summary>
internal sealed class WorkOSSsoOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<WorkOSSsoOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkOSSsoOptions options)
    {
        var errors = Collect(options, environment?.IsDevelopment() ?? false, name);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static List<string> Collect(WorkOSSsoOptions options, bool isDevelopment, string? scheme)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(options.SignInScheme) || (scheme is not null && string.Equals(options.SignInScheme, scheme, StringComparison.Ordinal)))
        {
            errors.Add($"WorkOS SSO SignInScheme must name the app's cookie scheme, not the SSO scheme '{scheme}' itself.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add("WorkOS ClientId is missing: set WorkOS:ClientId in configuration or the WORKOS_CLIENT_ID environment variable.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            errors.Add("WorkOS ApiKey is missing: set WorkOS:ApiKey in configuration or the WORKOS_API_KEY environment variable.");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"WorkOS ApiBaseUrl '{options.ApiBaseUrl}' is not an absolute http(s) URL.");
        }
        else if (baseUrl.Scheme != Uri.UriSchemeHttps && !isDevelopment && !options.AllowHttpApiBaseUrl)
        {
            errors.Add($"WorkOS ApiBaseUrl '{options.ApiBaseUrl}' must use https outside Development: to call a WorkOS stand-in over plain http, set AllowHttpApiBaseUrl to true.");
        }

        if (!options.CallbackPath.HasValue)
        {
            errors.Add("WorkOS SSO CallbackPath must be a path starting with '/', for example /auth/sso/callback.");
        }

        if (options.RedirectUri is { Length: > 0 } redirect && !Uri.TryCreate(redirect, UriKind.Absolute, out _))
        {
            errors.Add($"WorkOS SSO RedirectUri '{redirect}' must be an absolute URL.");
        }

        var defaults = new[] { options.ConnectionId, options.OrganizationId, options.Provider }.Count(s => !string.IsNullOrEmpty(s));
        if (defaults > 1)
        {
            errors.Add("WorkOS SSO: set at most one of ConnectionId, OrganizationId and Provider; a sign-in uses exactly one selector.");
        }

        if (options.MaxPendingSignIns is < 1 or > 20)
        {
            errors.Add("WorkOS SSO MaxPendingSignIns must be between 1 and 20.");
        }

        if (options.MaxRawAttributes is < 0 or > 256)
        {
            errors.Add("WorkOS SSO MaxRawAttributes must be between 0 and 256.");
        }

        if (options.MagicLinkLifetime < TimeSpan.FromMinutes(1) || options.MagicLinkLifetime > TimeSpan.FromHours(24))
        {
            errors.Add("WorkOS SSO MagicLinkLifetime must be between 1 minute and 24 hours.");
        }

        return errors;
    }
}
