using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Bearer;

namespace WorkOS.AspNetCore.ApiKeys;

/// <summary>Validates <see cref="WorkOSApiKeyOptions"/> at startup with messages that say what to set.</summary>
internal sealed class WorkOSApiKeyOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<WorkOSApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkOSApiKeyOptions options)
    {
        var errors = Collect(options, environment?.IsDevelopment() ?? false);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static List<string> Collect(WorkOSApiKeyOptions options, bool isDevelopment)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            errors.Add("WorkOS API key scheme: ApiKey (this app's WorkOS key) is missing: set WorkOS:ApiKey in configuration or the WORKOS_API_KEY environment variable, or the scheme's ApiKey.");
        }

        ApiSettingsCheck.BaseUrl("WorkOS API key scheme:", options.ApiBaseUrl, isDevelopment || options.AllowHttpApiBaseUrl, errors);
        if (options.CacheDuration < TimeSpan.Zero || options.CacheDuration > TimeSpan.FromHours(1))
        {
            errors.Add("WorkOS API key scheme: CacheDuration must be between 0 and 1 hour (a revoked key keeps working this long).");
        }

        if (options.InvalidKeyCacheDuration < TimeSpan.Zero || options.InvalidKeyCacheDuration > TimeSpan.FromHours(1))
        {
            errors.Add("WorkOS API key scheme: InvalidKeyCacheDuration must be between 0 and 1 hour.");
        }

        if (options.CacheSizeLimit < 1)
        {
            errors.Add("WorkOS API key scheme: CacheSizeLimit must be at least 1.");
        }

        if (options.ValidationTimeout <= TimeSpan.Zero || options.ValidationTimeout > TimeSpan.FromMinutes(2))
        {
            errors.Add("WorkOS API key scheme: ValidationTimeout must be positive and at most 2 minutes.");
        }

        if (options.HeaderName is { Length: > 0 } header && (header.Any(c => c is <= ' ' or >= (char)127 or ':')
            || string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add($"WorkOS API key scheme: HeaderName '{header}' is not a valid header name other than Authorization.");
        }

        return errors;
    }
}
