using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.AdminPortal;

/// <summary>Checks <see cref="WorkOSAdminPortalOptions"/> when the endpoint is mapped: paths of this app only, plain host names.</summary>
internal sealed class WorkOSAdminPortalOptionsValidator : IValidateOptions<WorkOSAdminPortalOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkOSAdminPortalOptions options)
    {
        var errors = new List<string>();
        CheckPath(nameof(options.ReturnPath), options.ReturnPath, errors);
        CheckPath(nameof(options.SuccessPath), options.SuccessPath, errors);
        if (options.LinkHosts.Count == 0)
        {
            errors.Add("WorkOS Admin Portal: LinkHosts needs at least one host (setup.workos.com is WorkOS's).");
        }

        foreach (var host in options.LinkHosts)
        {
            if (string.IsNullOrWhiteSpace(host) || Uri.CheckHostName(host) != UriHostNameType.Dns)
            {
                errors.Add($"WorkOS Admin Portal: LinkHosts entry '{LogValue.Caller(host)}' is not a host name (no scheme, port or path: setup.example.com).");
            }
        }

        if (string.IsNullOrWhiteSpace(options.AuthenticationScheme))
        {
            errors.Add("WorkOS Admin Portal: AuthenticationScheme is required.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckPath(string option, string? path, List<string> errors)
    {
        if (path is not null && (path.Length == 0 || path.Length > ReturnUrls.MaxLength || path[0] != '/' || !RedirectHttpResult.IsLocalUrl(path)))
        {
            errors.Add($"WorkOS Admin Portal: {option} '{LogValue.Caller(path)}' must be a path of this app (starting with a single '/'), not a URL.");
        }
    }
}
