namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// Which URIs the emulator redirects a browser to: the registered ones exactly, or, when none are registered,
/// any http(s) URI on a loopback host.
/// </summary>
internal static class RedirectUriPolicy
{
    public static bool IsAllowed(string? uri, IList<string> registered)
    {
        if (string.IsNullOrEmpty(uri) || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            return false;
        }

        if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
        {
            return false;
        }

        if (registered.Count > 0)
        {
            return registered.Contains(uri, StringComparer.Ordinal);
        }

        return parsed.IsLoopback || parsed.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }
}
