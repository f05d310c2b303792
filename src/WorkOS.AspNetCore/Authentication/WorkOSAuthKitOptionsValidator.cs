using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>Validates <see cref="WorkOSAuthKitOptions"/> at startup with messages that say what to set.</summary>
internal sealed class WorkOSAuthKitOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<WorkOSAuthKitOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkOSAuthKitOptions options)
    {
        var errors = Collect(options, environment?.IsDevelopment() ?? false, name);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static List<string> Collect(WorkOSAuthKitOptions options, bool isDevelopment, string? scheme)
    {
        var errors = new List<string>();
        if (scheme is not null && string.Equals(options.SignInScheme, scheme, StringComparison.Ordinal))
        {
            errors.Add($"WorkOS SignInScheme must name the session cookie scheme, not the AuthKit scheme '{scheme}' itself.");
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
            errors.Add($"WorkOS ApiBaseUrl '{options.ApiBaseUrl}' must use https outside Development: to call a WorkOS stand-in over plain http, set WorkOS:AllowHttpApiBaseUrl (AllowHttpApiBaseUrl) to true.");
        }

        if (!options.CallbackPath.HasValue)
        {
            errors.Add("WorkOS CallbackPath must be a path starting with '/', for example /auth/callback.");
        }

        if (options.RedirectUri is { Length: > 0 } redirect && !Uri.TryCreate(redirect, UriKind.Absolute, out _))
        {
            errors.Add($"WorkOS RedirectUri '{redirect}' must be an absolute URL.");
        }

        if (options.MaxPendingSignIns is < 1 or > 20)
        {
            errors.Add("WorkOS MaxPendingSignIns must be between 1 and 20.");
        }

        if (options.TokenClockSkew < TimeSpan.Zero || options.TokenClockSkew > TimeSpan.FromMinutes(5))
        {
            errors.Add("WorkOS TokenClockSkew must be between 0 and 5 minutes.");
        }

        if (options.RefreshTimeout <= TimeSpan.Zero)
        {
            errors.Add("WorkOS RefreshTimeout must be positive.");
        }

        if (options.RefreshGracePeriod < TimeSpan.Zero || options.RefreshGracePeriod > TimeSpan.FromMinutes(2))
        {
            errors.Add("WorkOS RefreshGracePeriod must be between 0 and 2 minutes.");
        }

        if (options.JwksRefreshInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add("WorkOS JwksRefreshInterval must be at least 1 second.");
        }

        if (options.ValidAudiences.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("WorkOS ValidAudiences must not contain empty entries.");
        }

        return errors;
    }
}
