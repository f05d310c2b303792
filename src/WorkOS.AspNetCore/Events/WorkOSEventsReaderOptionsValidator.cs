using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Events;

/// <summary>
/// Validates <see cref="WorkOSEventsReaderOptions"/> at startup, and that the WorkOS client it calls with is usable: an
/// absolute API base URL, https outside Development unless <see cref="WorkOSClientOptions.AllowHttpApiBaseUrl"/>.
/// </summary>
internal sealed class WorkOSEventsReaderOptionsValidator(IOptionsMonitor<WorkOSClientOptions> client, IHostEnvironment? environment = null)
    : IValidateOptions<WorkOSEventsReaderOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkOSEventsReaderOptions options)
    {
        var errors = Collect(options);
        var settings = client.CurrentValue;
        Bearer.ApiSettingsCheck.BaseUrl("WorkOS events reader:", settings.ApiBaseUrl,
            (environment?.IsDevelopment() ?? false) || settings.AllowHttpApiBaseUrl, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static List<string> Collect(WorkOSEventsReaderOptions options)
    {
        var errors = new List<string>();
        if (options.Events.Count == 0)
        {
            errors.Add("WorkOS events reader: Events is empty: name the event types to read (WorkOS:Events:Events), such as session.revoked.");
        }

        if (options.Events.Any(e => string.IsNullOrWhiteSpace(e) || e.Contains(',', StringComparison.Ordinal)))
        {
            errors.Add("WorkOS events reader: Events has an empty entry or one with a comma; give one event type per entry.");
        }

        if (options.PollInterval < TimeSpan.FromSeconds(1) || options.PollInterval > TimeSpan.FromDays(1))
        {
            errors.Add("WorkOS events reader: PollInterval must be between 1 second and 1 day.");
        }

        if (options.PageSize is < 1 or > 100)
        {
            errors.Add("WorkOS events reader: PageSize must be between 1 and 100 (WorkOS's maximum).");
        }

        if (!Enum.IsDefined(options.StartFrom))
        {
            errors.Add("WorkOS events reader: StartFrom must be Now or Oldest.");
        }

        return errors;
    }
}
