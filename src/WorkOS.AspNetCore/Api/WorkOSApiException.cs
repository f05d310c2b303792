using System.Net;

namespace WorkOS.AspNetCore.Api;

/// <summary>A WorkOS API call failed: WorkOS answered with an error, or could not be reached.</summary>
public sealed class WorkOSApiException : Exception
{
    /// <summary>Creates the exception (raised by the library only).</summary>
    internal WorkOSApiException(string message, HttpStatusCode? statusCode, string? errorCode, Exception? inner = null,
        TimeSpan? retryAfter = null, string? authKitRedirectUrl = null, string? pendingAuthenticationToken = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RetryAfter = retryAfter;
        AuthKitRedirectUrl = authKitRedirectUrl;
        PendingAuthenticationToken = pendingAuthenticationToken;
    }

    /// <summary>The HTTP status WorkOS answered with; <see langword="null"/> when it could not be reached or timed out.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The WorkOS error code (<c>error</c> or <c>code</c> of the body), for example <c>invalid_grant</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary>How long WorkOS asked the caller to wait (the <c>Retry-After</c> header), when it did.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Where WorkOS asks the user to continue (for example to pick an organization or enrol MFA), when it does.</summary>
    public string? AuthKitRedirectUrl { get; }

    /// <summary>The pending authentication token WorkOS returned with the error, when it did.</summary>
    public string? PendingAuthenticationToken { get; }

    /// <summary>
    /// Whether WorkOS answered with an error in its own shape: a JSON object carrying an error code (<c>error</c> or
    /// <c>code</c>). <see langword="false"/> for an HTML page, malformed JSON, a redirect, an oversized body, a
    /// timeout or a network error: answers that may come from anything between the application and WorkOS.
    /// </summary>
    public bool IsWorkOSError { get; internal init; }

    /// <summary>
    /// Whether trying again later may succeed. Only a refusal from WorkOS itself is final: a 4xx status other than
    /// 408 and 429 with an error in WorkOS's shape (<see cref="IsWorkOSError"/>). Everything else is transient: no
    /// answer, a timeout, 408, 429, a 5xx status, a redirect, an oversized body, or an answer not in WorkOS's shape.
    /// </summary>
    public bool IsTransient => !(IsWorkOSError && StatusCode is { } status && (int)status is >= 400 and < 500
        && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests));
}
