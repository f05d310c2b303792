using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// Turns a return URL a caller chose (sign-in, sign-out, a challenge's redirect URI) into a path of this app, or
/// refuses it. One rule on sign-in and sign-out alike:
/// <list type="bullet">
/// <item><c>~/x</c> and <c>/x</c> are paths of the app and resolve against the path base: <c>{PathBase}/x</c>.</item>
/// <item>A path already under the path base (what the framework's own challenges build, <c>PathBase + Path + Query</c>) is kept.</item>
/// <item>Anything <see cref="RedirectHttpResult.IsLocalUrl"/> refuses (absolute URLs, <c>//host</c>, <c>/\host</c>,
/// relative paths, control characters) or longer than <see cref="MaxLength"/> is refused.</item>
/// </list>
/// A resolved URL always starts with the path base and carries only printable ASCII (other characters are
/// percent-encoded), so it is a valid <c>Location</c> header and a valid <c>return_to</c> on every server.
/// </summary>
internal static class ReturnUrls
{
    /// <summary>The longest return URL accepted; longer ones would bloat the state and the authorize URL.</summary>
    public const int MaxLength = 2048;

    /// <summary>The app's root: <c>{PathBase}/</c>.</summary>
    public static string Home(PathString pathBase) => pathBase.ToUriComponent().TrimEnd('/') + "/";

    /// <summary>
    /// Resolves <paramref name="url"/> to a host-relative URL under <paramref name="pathBase"/>. An empty URL is the
    /// app's root; <see langword="false"/> (with <paramref name="resolved"/> the app's root) when the URL is refused.
    /// </summary>
    public static bool TryResolve(PathString pathBase, string? url, out string resolved)
    {
        var home = Home(pathBase);
        if (string.IsNullOrEmpty(url))
        {
            resolved = home;
            return true;
        }

        if (url.Length > MaxLength || !RedirectHttpResult.IsLocalUrl(url))
        {
            resolved = home;
            return false;
        }

        var path = Printable(url[0] == '~' ? url[1..] : url);
        resolved = IsUnder(path, home) ? path : home.TrimEnd('/') + path;
        return true;
    }

    /// <summary>Whether <paramref name="path"/> names <paramref name="home"/> (<c>{PathBase}/</c>) or something below it.</summary>
    private static bool IsUnder(string path, string home)
    {
        if (home.Length == 1)
        {
            return true;
        }

        var pathBase = home.AsSpan(0, home.Length - 1);
        if (!path.AsSpan().StartsWith(pathBase, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return path.Length == pathBase.Length || path[pathBase.Length] is '/' or '?' or '#';
    }

    /// <summary>Percent-encodes (UTF-8) every character outside printable ASCII; control characters never get here.</summary>
    private static string Printable(string url)
    {
        if (!url.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            return url;
        }

        var builder = new StringBuilder(url.Length + 16);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (c is >= '!' and <= '~')
            {
                builder.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < url.Length && char.IsLowSurrogate(url[i + 1])
                ? Encoding.UTF8.GetBytes(url.AsSpan(i++, 2), bytes)
                : Encoding.UTF8.GetBytes(url.AsSpan(i, 1), bytes);
            foreach (var b in bytes[..length])
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
