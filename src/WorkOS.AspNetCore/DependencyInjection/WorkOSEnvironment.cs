using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore;

/// <summary>The <c>WORKOS_*</c> variables WorkOS's other SDKs read, applied to values configuration left unset.</summary>
internal static class WorkOSEnvironment
{
    public static void Apply(WorkOSAuthKitOptions options, Func<string, string?> read)
    {
        if (string.IsNullOrEmpty(options.ClientId) && read("WORKOS_CLIENT_ID") is { Length: > 0 } clientId)
        {
            options.ClientId = clientId;
        }

        if (string.IsNullOrEmpty(options.ApiKey) && read("WORKOS_API_KEY") is { Length: > 0 } apiKey)
        {
            options.ApiKey = apiKey;
        }

        if (options.ApiBaseUrl == WorkOSAuthKitDefaults.ApiBaseUrl && read("WORKOS_API_HOSTNAME") is { Length: > 0 } host)
        {
            var https = !string.Equals(read("WORKOS_API_HTTPS"), "false", StringComparison.OrdinalIgnoreCase);
            var port = read("WORKOS_API_PORT") is { Length: > 0 } p ? ":" + p : string.Empty;
            options.ApiBaseUrl = $"{(https ? "https" : "http")}://{host}{port}";
        }

        if (string.IsNullOrEmpty(options.RedirectUri) && read("WORKOS_REDIRECT_URI") is { Length: > 0 } redirect)
        {
            options.RedirectUri = redirect;
        }
    }
}
