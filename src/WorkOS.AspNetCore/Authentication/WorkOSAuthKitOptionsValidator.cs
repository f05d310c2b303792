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

        RemoteSchemeSettingsChecks.Add(errors, "WorkOS", options.ClientId, options.ApiKey, options.ApiBaseUrl, options.AllowHttpApiBaseUrl,
            isDevelopment, options.CallbackPath, WorkOSAuthKitDefaults.CallbackPath, options.RedirectUri, options.MaxPendingSignIns);

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

        if (options.SessionCookieFormat == WorkOSSessionCookieFormat.Iron)
        {
            errors.AddRange(Session.IronPasswordSet.Problems(options.CookiePassword, options.CookiePasswords));
        }
        else if (!Enum.IsDefined(options.SessionCookieFormat))
        {
            errors.Add($"WorkOS SessionCookieFormat '{options.SessionCookieFormat}' is not a format: use DataProtection or Iron.");
        }

        return errors;
    }
}
