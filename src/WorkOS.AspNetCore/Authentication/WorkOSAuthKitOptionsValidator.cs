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

        if (options.SignInStepPath.HasValue && !IsLocalPath(options.SignInStepPath.Value!))
        {
            errors.Add($"WorkOS SignInStepPath '{options.SignInStepPath}' must be a local path of this app starting with '/', for example /account/sign-in-step, without a query.");
        }
        else if (options.SignInStepPath.HasValue && options.SignInStepPath.Equals(options.CallbackPath))
        {
            errors.Add($"WorkOS SignInStepPath '{options.SignInStepPath}' must be a page of the app, not the CallbackPath.");
        }

        if (options.SignInStepLifetime <= TimeSpan.Zero || options.SignInStepLifetime > TimeSpan.FromMinutes(10))
        {
            errors.Add("WorkOS SignInStepLifetime must be more than 0 and at most 10 minutes (the life of WorkOS's pending authentication tokens).");
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

    /// <summary>A path the step redirect can append <c>?step=</c> to and stay in this app: <c>/x</c>, not <c>//host</c>, <c>/\host</c> or <c>/x?y</c>.</summary>
    private static bool IsLocalPath(string path) =>
        path.StartsWith('/') && (path.Length == 1 || path[1] is not ('/' or '\\'))
        && !path.AsSpan().ContainsAny("?#\\") && !path.AsSpan().ContainsAnyInRange('\0', ' ');
}
