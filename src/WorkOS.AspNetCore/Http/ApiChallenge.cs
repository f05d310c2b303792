using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace WorkOS.AspNetCore.Http;

/// <summary>
/// Writes RFC 6750 challenges, and the problem body of a 503, for the bearer and API key schemes (both answer
/// <c>Authorization: Bearer</c>), so neither scheme depends on the other.
/// </summary>
internal static class ApiChallenge
{
    public const string InvalidToken = "invalid_token";
    public const string InsufficientScope = "insufficient_scope";
    public const string TemporarilyUnavailable = "temporarily_unavailable";

    /// <summary>How long a client is asked to wait before retrying a 503.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>
    /// <c>Bearer</c>, or <c>Bearer error="...", error_description="..."</c> with each value reduced to the characters
    /// RFC 6750 allows in a quoted string (no quotes, backslashes or control characters).
    /// </summary>
    public static string Header(string? error, string? description)
    {
        if (string.IsNullOrEmpty(error) && string.IsNullOrEmpty(description))
        {
            return "Bearer";
        }

        var builder = new StringBuilder("Bearer");
        var separator = " ";
        if (!string.IsNullOrEmpty(error))
        {
            builder.Append(separator).Append("error=\"").Append(Quoted(error)).Append('"');
            separator = ", ";
        }

        if (!string.IsNullOrEmpty(description))
        {
            builder.Append(separator).Append("error_description=\"").Append(Quoted(description)).Append('"');
        }

        return builder.ToString();
    }

    /// <summary>Sets the status and <c>WWW-Authenticate</c>; for a 503 also <c>Retry-After</c> and a problem body.</summary>
    public static async Task WriteAsync(HttpResponse response, int statusCode, string? error, string? description)
    {
        if (response.HasStarted)
        {
            // Another scheme of the same policy already answered; adding to it would only corrupt the response.
            return;
        }

        response.StatusCode = statusCode;
        response.Headers.Append(HeaderNames.WWWAuthenticate, Header(error, description));
        if (statusCode != StatusCodes.Status503ServiceUnavailable)
        {
            return;
        }

        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        response.ContentType = "application/problem+json";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "https://tools.ietf.org/html/rfc9110#section-15.6.4");
            json.WriteString("title", "Service Unavailable");
            json.WriteNumber("status", statusCode);
            json.WriteString("detail", description ?? "WorkOS could not be reached to check the credentials.");
            json.WriteString("error", error ?? TemporarilyUnavailable);
            json.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), response.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The value cut to 200 characters, with quotes, backslashes and anything outside printable ASCII replaced.</summary>
    public static string Quoted(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, 200));
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, 200)))
        {
            builder.Append(c switch
            {
                '"' => '\'',
                '\\' => '/',
                >= ' ' and <= '~' => c,
                _ => '?',
            });
        }

        return builder.ToString();
    }

    /// <summary>
    /// The status, error and description of a challenge: 503 <c>temporarily_unavailable</c> when validation could not
    /// reach WorkOS, 401 <c>invalid_token</c> for a refused credential or a failed authentication, a bare 401 otherwise.
    /// </summary>
    public static (int StatusCode, string? Error, string? Description) Describe(bool refused, bool unavailable, string? refusal, Exception? failure) =>
        refused
            ? (unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status401Unauthorized,
                unavailable ? TemporarilyUnavailable : InvalidToken, refusal)
            : failure is not null
                ? (StatusCodes.Status401Unauthorized, InvalidToken, failure.Message)
                : (StatusCodes.Status401Unauthorized, null, null);

    /// <summary>Answers a forbidden request with 403 and <c>insufficient_scope</c>, unless the response has started.</summary>
    public static void Forbid(HttpResponse response, string description)
    {
        if (!response.HasStarted)
        {
            response.StatusCode = StatusCodes.Status403Forbidden;
            response.Headers.Append(HeaderNames.WWWAuthenticate, Header(InsufficientScope, description));
        }
    }
}
