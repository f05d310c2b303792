using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Actions;

/// <summary>
/// Validates <see cref="WorkOSActionOptions"/> at startup. Outside Development a missing secret stops the app; in
/// Development the endpoint starts and refuses every request with 503 and a logged reason.
/// </summary>
internal sealed class WorkOSActionOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<WorkOSActionOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkOSActionOptions options)
    {
        var errors = Collect(options, environment?.IsDevelopment() ?? false);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static List<string> Collect(WorkOSActionOptions options, bool isDevelopment)
    {
        var errors = new List<string>();
        if (options.Secrets.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("WorkOS Actions: Secrets has an empty entry.");
        }

        if (!isDevelopment && !options.Secrets.Any(s => !string.IsNullOrWhiteSpace(s)))
        {
            errors.Add("WorkOS Actions: no secret is configured: set WorkOS:Actions:Secrets in configuration or the WORKOS_ACTIONS_SECRET environment variable (the Actions secret from the WorkOS dashboard).");
        }

        if (options.Tolerance <= TimeSpan.Zero || options.Tolerance > TimeSpan.FromMinutes(10))
        {
            errors.Add("WorkOS Actions: Tolerance must be positive and at most 10 minutes (a captured request can be replayed this long).");
        }

        if (options.MaxBodySize < 1024 || options.MaxBodySize > 1024 * 1024)
        {
            errors.Add("WorkOS Actions: MaxBodySize must be between 1 KiB and 1 MiB.");
        }

        if (options.HandlerTimeout <= TimeSpan.Zero || options.HandlerTimeout > TimeSpan.FromSeconds(30))
        {
            errors.Add("WorkOS Actions: HandlerTimeout must be positive and at most 30 seconds (WorkOS waits for the answer during the user's sign-in).");
        }

        return errors;
    }
}
