using Microsoft.AspNetCore.Http;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// The one cookie that binds pending sign-ins to this browser (login CSRF defence). It lists the nonces of the
/// most recent <see cref="WorkOSAuthKitOptions.MaxPendingSignIns"/> sign-ins, so abandoned sign-ins replace each
/// other instead of adding a cookie each until the server answers 431.
/// </summary>
internal static class PendingSignIns
{
    private const char Separator = '.';
    private const int NonceLength = 22; // base64url of 16 random bytes

    public static List<string> Read(HttpRequest request, string cookieName)
    {
        var value = request.Cookies[cookieName];
        var nonces = new List<string>();
        if (string.IsNullOrEmpty(value) || value.Length > (NonceLength + 1) * 32)
        {
            return nonces;
        }

        foreach (var nonce in value.Split(Separator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (nonce.Length == NonceLength && nonce.All(IsBase64UrlChar))
            {
                nonces.Add(nonce);
            }
        }

        return nonces;
    }

    public static void Write(HttpContext context, WorkOSAuthKitOptions options, List<string> nonces, DateTimeOffset now) =>
        Write(context, options.CorrelationCookie, options.MaxPendingSignIns, nonces, now);

    /// <summary>Writes the cookie <paramref name="cookie"/> describes, keeping the newest <paramref name="maxPending"/> nonces.</summary>
    public static void Write(HttpContext context, CookieBuilder cookie, int maxPending, List<string> nonces, DateTimeOffset now)
    {
        var name = cookie.Name!;
        var cookieOptions = cookie.Build(context, now);
        if (nonces.Count == 0)
        {
            context.Response.Cookies.Delete(name, cookieOptions);
            return;
        }

        var keep = nonces.Skip(Math.Max(0, nonces.Count - maxPending));
        context.Response.Cookies.Append(name, string.Join(Separator, keep), cookieOptions);
    }

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
