using System.Net;
using Microsoft.AspNetCore.Antiforgery;

namespace WorkOS.AspNetCore.SsoSample.Pages;

/// <summary>The sample's pages as plain HTML, every value encoded.</summary>
internal static class Layout
{
    public static string E(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    public static IResult Page(string title, string body, int status = StatusCodes.Status200OK) => Results.Content($$"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{{E(title)}} - SSO sample</title>
        <style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem}form{margin:1rem 0}
        input[type=email]{padding:.3rem;width:16rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}</style>
        </head>
        <body><nav><a href="/">Home</a> | <a href="/sign-in">Sign in</a> | <a href="/profile">Profile</a></nav>
        <h1>{{E(title)}}</h1>
        {{body}}
        </body></html>
        """, "text/html; charset=utf-8", statusCode: status);

    /// <summary>The hidden antiforgery field every form posts.</summary>
    public static string Antiforgery(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"""<input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">""";
    }
}
