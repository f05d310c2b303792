using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Connect;

/// <summary>Validates <see cref="WorkOSClientCredentialsOptions"/> when a client is first created.</summary>
internal sealed class WorkOSClientCredentialsOptionsValidator : IValidateOptions<WorkOSClientCredentialsOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkOSClientCredentialsOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientId) || string.IsNullOrEmpty(options.ClientSecret))
        {
            errors.Add($"WorkOS client credentials of '{name}' need ClientId and ClientSecret.");
        }

        if (!Uri.TryCreate(options.ResolvedTokenEndpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"WorkOS client credentials of '{name}' need Domain or TokenEndpoint as an absolute http(s) URL.");
        }
        else if (endpoint.Scheme != Uri.UriSchemeHttps && !options.AllowHttpTokenEndpoint)
        {
            errors.Add($"WorkOS client credentials of '{name}': the token endpoint {endpoint} must use https (AllowHttpTokenEndpoint opts in to plain http).");
        }

        if (options.Scopes.Any(s => string.IsNullOrWhiteSpace(s) || s.Contains(' ', StringComparison.Ordinal)))
        {
            errors.Add($"WorkOS client credentials of '{name}': Scopes must not be empty or contain spaces.");
        }

        if (options.RefreshBeforeExpiry < TimeSpan.Zero)
        {
            errors.Add($"WorkOS client credentials of '{name}': RefreshBeforeExpiry must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
