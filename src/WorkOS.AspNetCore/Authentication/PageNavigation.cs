using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// Tells a browser's page navigation, which may be redirected to sign in, from an API client (<c>fetch</c>, XHR,
/// a service), which gets a status code instead: a redirect to an HTML sign-in page is of no use to it.
/// </summary>
internal static class PageNavigation
{
    /// <summary>
    /// Not a navigation: <c>X-Requested-With: XMLHttpRequest</c>; a <c>Sec-Fetch-Mode</c> other than <c>navigate</c>;
    /// an <c>Accept</c> header without <c>text/html</c> (for example <c>application/json</c>, or one that does not
    /// parse); no <c>Accept</c> header on a method other than GET or HEAD. Everything else is a navigation.
    /// </summary>
    public static bool IsNavigation(HttpRequest request)
    {
        var headers = request.Headers;
        if (string.Equals(headers.XRequestedWith, "XMLHttpRequest", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (headers["Sec-Fetch-Mode"].ToString() is { Length: > 0 } mode)
        {
            return string.Equals(mode, "navigate", StringComparison.OrdinalIgnoreCase);
        }

        if (headers.Accept.Count == 0)
        {
            return HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        }

        return MediaTypeHeaderValue.TryParseList(headers.Accept, out var accepted)
            && accepted.Any(type => type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && type.Quality != 0);
    }

    /// <summary>
    /// The <c>WWW-Authenticate</c> value of a 401 answered instead of a sign-in redirect:
    /// <c>WorkOS-AuthKit realm="{scheme}", sign_in="{PathBase}{sign-in path}"</c>, so a client knows where a person signs in.
    /// </summary>
    public static string Challenge(string realm, string signInUrl) =>
        $"WorkOS-AuthKit realm=\"{Quoted(realm)}\", sign_in=\"{Quoted(signInUrl)}\"";

    private static string Quoted(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
