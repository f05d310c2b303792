using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>Writes JSON, HTML, redirects and the two WorkOS error shapes.</summary>
internal static class Responses
{
    public static async Task JsonAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, typeInfo, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task HtmlAsync(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(html, Encoding.UTF8, context.RequestAborted);
    }

    public static Task RedirectAsync(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location;
        context.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }

    /// <summary><c>{"error":"...","error_description":"..."}</c>, as the token endpoint answers.</summary>
    public static Task OAuthErrorAsync(HttpContext context, int status, string error, string description) =>
        JsonAsync(context, status, new OAuthErrorDto(error, description), WireJsonContext.Default.OAuthErrorDto);

    /// <summary><c>{"code":"...","message":"..."}</c>, as the rest of the API answers.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string? code, string message) =>
        JsonAsync(context, status, new WorkOSErrorDto(code, message), WireJsonContext.Default.WorkOSErrorDto);

    public static Task NotFoundAsync(HttpContext context, string message) =>
        ErrorAsync(context, StatusCodes.Status404NotFound, "entity_not_found", message);

    public static Task InvalidParametersAsync(HttpContext context, string message) =>
        ErrorAsync(context, StatusCodes.Status422UnprocessableEntity, "invalid_request_parameters", message);
}
