using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Authentication;

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

        RemoteSchemeSettingsChecks.Add(errors, "WorkOS SSO", options.ClientId, options.ApiKey, options.ApiBaseUrl, options.AllowHttpApiBaseUrl,
            isDevelopment, options.CallbackPath, WorkOSSsoDefaults.CallbackPath, options.RedirectUri, options.MaxPendingSignIns);

        var defaults = new[] { options.ConnectionId, options.OrganizationId, options.Provider }.Count(s => !string.IsNullOrEmpty(s));
        if (defaults > 1)
        {
            errors.Add("WorkOS SSO: set at most one of ConnectionId, OrganizationId and Provider; a sign-in uses exactly one selector.");
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
