using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>
/// Validates <see cref="WorkOSWebhookOptions"/> at startup. Outside Development a missing secret stops the app; in
/// Development the endpoint starts and refuses every delivery with 503 and a logged reason. An app that only reads the
/// Events API (no <c>AddWorkOSWebhooks</c>) needs no secret.
/// </summary>
internal sealed class WorkOSWebhookOptionsValidator(IHostEnvironment? environment = null, WebhookEndpointEnabled? endpoint = null)
    : IValidateOptions<WorkOSWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkOSWebhookOptions options)
    {
        var errors = Collect(options, environment?.IsDevelopment() ?? false, secretRequired: endpoint is not null);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static List<string> Collect(WorkOSWebhookOptions options, bool isDevelopment, bool secretRequired = true)
    {
        var errors = new List<string>();
        if (options.Secrets.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("WorkOS webhooks: Secrets has an empty entry.");
        }

        if (secretRequired && !isDevelopment && !options.Secrets.Any(s => !string.IsNullOrWhiteSpace(s)))
        {
            errors.Add("WorkOS webhooks: no secret is configured: set WorkOS:Webhooks:Secrets in configuration or the WORKOS_WEBHOOK_SECRET environment variable (the endpoint secret from the WorkOS dashboard).");
        }

        if (options.Tolerance <= TimeSpan.Zero || options.Tolerance > TimeSpan.FromHours(1))
        {
            errors.Add("WorkOS webhooks: Tolerance must be positive and at most 1 hour (a captured delivery can be replayed this long).");
        }

        if (options.MaxBodySize < 1024 || options.MaxBodySize > 64 * 1024 * 1024)
        {
            errors.Add("WorkOS webhooks: MaxBodySize must be between 1 KiB and 64 MiB.");
        }

        if (options.QueueCapacity < 1)
        {
            errors.Add("WorkOS webhooks: QueueCapacity must be at least 1.");
        }

        if (options.MaxAttempts is < 1 or > 20)
        {
            errors.Add("WorkOS webhooks: MaxAttempts must be between 1 and 20.");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromMinutes(10))
        {
            errors.Add("WorkOS webhooks: RetryDelay must be between 0 and 10 minutes.");
        }

        if (options.DeduplicationWindow <= options.Tolerance || options.DeduplicationWindow > TimeSpan.FromDays(30))
        {
            errors.Add("WorkOS webhooks: DeduplicationWindow must be longer than Tolerance and at most 30 days.");
        }

        return errors;
    }
}
