using System.Net;
using Microsoft.AspNetCore.Http;

namespace WorkOS.AspNetCore.AdminPortal;

/// <summary>The small page the Admin Portal endpoint answers with when it does not redirect: a status and a sentence, never a stack trace.</summary>
internal static class AdminPortalPage
{
    public static Task WriteAsync(HttpContext context, int statusCode, string title, string message)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        var home = WebUtility.HtmlEncode(context.Request.PathBase.HasValue ? context.Request.PathBase.Value : "/");
        return response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)}</title></head>
            <body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem">
            <h1>{WebUtility.HtmlEncode(title)}</h1>
            <p>{WebUtility.HtmlEncode(message)}</p>
            <p><a href="{home}">Return to the site</a></p>
            </body></html>
            """, context.RequestAborted);
    }
}
