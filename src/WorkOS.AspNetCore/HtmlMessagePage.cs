using System.Net;
using Microsoft.AspNetCore.Http;

namespace WorkOS.AspNetCore;

/// <summary>
/// The small HTML page the library answers with when it has only a sentence to say (a failed sign-in, an Admin Portal
/// link it will not follow): a title, the message, an optional error code and a link home. Every value is
/// HTML-encoded; never a stack trace.
/// </summary>
internal static class HtmlMessagePage
{
    public static Task WriteAsync(HttpContext context, int statusCode, string title, string message, string? errorCode = null,
        string? afterHomeLink = null)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        var home = WebUtility.HtmlEncode(context.Request.PathBase.HasValue ? context.Request.PathBase.Value : "/");
        var error = errorCode is null ? string.Empty : $"\n<p><small>Error: <code>{WebUtility.HtmlEncode(errorCode)}</code></small></p>";
        return response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)}</title></head>
            <body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem">
            <h1>{WebUtility.HtmlEncode(title)}</h1>
            <p>{WebUtility.HtmlEncode(message)}</p>{error}
            <p><a href="{home}">Return to the site</a>{WebUtility.HtmlEncode(afterHomeLink ?? string.Empty)}</p>
            </body></html>
            """, context.RequestAborted);
    }
}
