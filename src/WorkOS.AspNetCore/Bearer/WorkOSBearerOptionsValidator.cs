using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Bearer;

/// <summary>Validates <see cref="WorkOSBearerOptions"/> at startup with messages that say what to set.</summary>
internal sealed class WorkOSBearerOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<WorkOSBearerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkOSBearerOptions options)
    {
        var errors = Collect(options, environment?.IsDevelopment() ?? false);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static List<string> Collect(WorkOSBearerOptions options, bool isDevelopment)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add("WorkOS bearer ClientId is missing: set WorkOS:ClientId in configuration or the WORKOS_CLIENT_ID environment variable, or the scheme's ClientId.");
        }

        ApiSettingsCheck.BaseUrl("WorkOS bearer", options.ApiBaseUrl, isDevelopment || options.AllowHttpApiBaseUrl, errors);
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            errors.Add("WorkOS bearer ClockSkew must be between 0 and 5 minutes.");
        }

        if (options.JwksRefreshInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add("WorkOS bearer JwksRefreshInterval must be at least 1 second.");
        }

        if (options.EventsType is not null)
        {
            errors.Add("WorkOS bearer EventsType is not supported: set Events to an instance of your JwtBearerEvents subclass.");
        }

        if (options.ValidatedTokenCacheSize is < 0 or > 1_000_000)
        {
            errors.Add("WorkOS bearer ValidatedTokenCacheSize must be between 0 (off) and 1000000.");
        }

        if (options.ValidIssuers.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("WorkOS bearer ValidIssuers must not contain empty entries.");
        }

        if (options.ValidAudiences.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("WorkOS bearer ValidAudiences must not contain empty entries.");
        }

        return errors;
    }
}

/// <summary>Checks shared by the API schemes' options.</summary>
internal static class ApiSettingsCheck
{
    /// <summary>Requires an absolute http(s) URL, and https unless <paramref name="httpAllowed"/> (Development or the opt-in).</summary>
    public static void BaseUrl(string what, string? apiBaseUrl, bool httpAllowed, List<string> errors)
    {
        if (!Uri.TryCreate(apiBaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{what} ApiBaseUrl '{apiBaseUrl}' is not an absolute http(s) URL.");
        }
        else if (baseUrl.Scheme != Uri.UriSchemeHttps && !httpAllowed)
        {
            errors.Add($"{what} ApiBaseUrl '{apiBaseUrl}' must use https outside Development: to call a WorkOS stand-in over plain http, set WorkOS:AllowHttpApiBaseUrl (AllowHttpApiBaseUrl) to true.");
        }
    }
}
