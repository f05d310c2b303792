using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Connect;

/// <summary>Validates <see cref="WorkOSConnectOptions"/> at startup with messages that say what to set.</summary>
internal sealed class WorkOSConnectOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<WorkOSConnectOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkOSConnectOptions options)
    {
        var errors = new List<string>();
        var development = environment?.IsDevelopment() ?? false;
        if (!Uri.TryCreate(options.Domain, UriKind.Absolute, out var domain) || (domain.Scheme != Uri.UriSchemeHttps && domain.Scheme != Uri.UriSchemeHttp)
            || domain.AbsolutePath != "/" || !string.IsNullOrEmpty(domain.Query) || !string.IsNullOrEmpty(domain.Fragment))
        {
            errors.Add($"WorkOS Connect Domain '{options.Domain}' must be the AuthKit domain's origin, such as https://example.authkit.app.");
        }
        else if (domain.Scheme != Uri.UriSchemeHttps && !development && !options.AllowHttpDomain)
        {
            errors.Add($"WorkOS Connect Domain '{options.Domain}' must use https outside Development (AllowHttpDomain opts in to plain http).");
        }

        if (options.Audiences.Count == 0 || options.Audiences.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("WorkOS Connect Audiences must name at least one audience (your Connect application's client id or your API's resource indicator), and no empty ones.");
        }

        if (options.Resource is { } resource && (!Uri.TryCreate(resource, UriKind.Absolute, out var r) || !string.IsNullOrEmpty(r.Fragment)))
        {
            errors.Add($"WorkOS Connect Resource '{resource}' must be an absolute URL without a fragment.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            errors.Add("WorkOS Connect ClockSkew must be between 0 and 5 minutes.");
        }

        if (options.RefreshInterval < TimeSpan.FromSeconds(1) || options.AutomaticRefreshInterval < options.RefreshInterval)
        {
            errors.Add("WorkOS Connect RefreshInterval must be at least 1 second, and AutomaticRefreshInterval at least RefreshInterval.");
        }

        if (options.IntrospectionCacheDuration < TimeSpan.Zero || options.IntrospectionCacheDuration > TimeSpan.FromMinutes(5))
        {
            errors.Add("WorkOS Connect IntrospectionCacheDuration must be between 0 and 5 minutes.");
        }

        if (options.RequireIntrospection && (string.IsNullOrEmpty(options.IntrospectionClientId) || string.IsNullOrEmpty(options.IntrospectionClientSecret)))
        {
            errors.Add("WorkOS Connect RequireIntrospection needs IntrospectionClientId and IntrospectionClientSecret.");
        }

        if (options.EventsType is not null)
        {
            errors.Add("WorkOS Connect EventsType is not supported: set Events to an instance of your JwtBearerEvents subclass.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
