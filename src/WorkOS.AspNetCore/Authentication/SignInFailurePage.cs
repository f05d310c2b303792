using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>What the browser gets when a sign-in fails and no event handled it: a redirect to
/// <see cref="WorkOSAuthKitOptions.ErrorPath"/>, or a small page with the right status. Never a stack trace.</summary>
internal static class SignInFailurePage
{
    public static Task WriteAsync(HttpContext context, WorkOSAuthKitOptions options, SignInFailureException failure) =>
        WriteAsync(context, options.ErrorPath, failure);

    /// <summary>Redirects to <paramref name="errorPath"/> when set, else renders the page.</summary>
    public static async Task WriteAsync(HttpContext context, PathString errorPath, SignInFailureException failure)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-cache, no-store";
        if (errorPath.HasValue)
        {
            var target = context.Request.PathBase.Add(errorPath).Value!;
            response.Redirect(QueryHelpers.AddQueryString(target, new Dictionary<string, string?>
            {
                ["error"] = failure.Error,
                ["error_description"] = failure.Message,
            }));
            return;
        }

        response.StatusCode = failure.StatusCode;
        response.ContentType = "text/html; charset=utf-8";
        var home = WebUtility.HtmlEncode(context.Request.PathBase.HasValue ? context.Request.PathBase.Value : "/");
        await response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign-in failed</title></head>
            <body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem">
            <h1>Sign-in failed</h1>
            <p>{WebUtility.HtmlEncode(failure.Message)}</p>
            <p><small>Error: <code>{WebUtility.HtmlEncode(failure.Error)}</code></small></p>
            <p><a href="{home}">Return to the site</a> and sign in again.</p>
            </body></html>
            """, context.RequestAborted);
    }
}
