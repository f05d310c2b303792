using System.Net;

namespace WorkOS.AspNetCore.Api;

/// <summary>A WorkOS API call failed: WorkOS answered with an error, or could not be reached.</summary>
public sealed class WorkOSApiException : Exception
{
    /// <summary>
    /// Creates the exception. The library raises it for failed WorkOS calls; the constructor is public so that an app's
    /// tests can hand it to the code that handles those failures (from a substitute of a library service, say).
    /// </summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The HTTP status WorkOS answered with; <see langword="null"/> for no answer.</param>
    /// <param name="errorCode">The WorkOS error code, for example <c>invalid_grant</c>, or the library's (<c>timeout</c>, ...).</param>
    /// <param name="innerException">The failure underneath, if any.</param>
    public WorkOSApiException(string message, HttpStatusCode? statusCode, string? errorCode, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>Creates the exception for an error WorkOS answered, with what its answer carried.</summary>
    internal WorkOSApiException(string message, HttpStatusCode? statusCode, string? errorCode, Exception? inner,
        TimeSpan? retryAfter, string? authKitRedirectUrl, string? pendingAuthenticationToken)
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
    /// timeout or a network error: answers that may come from anything between the application and WorkOS. Set it
    /// when creating the exception for a test that needs WorkOS's own refusal (<see cref="IsTransient"/> false).
    /// </summary>
    public bool IsWorkOSError { get; init; }

    /// <summary>The error body WorkOS answered with, when it was JSON: what a pending-token error carries for its next step.</summary>
    internal WorkOSErrorBody? Body { get; init; }

    /// <summary>
    /// Whether trying again later may succeed. Only a refusal from WorkOS itself is final: a 4xx status other than
    /// 408 and 429 with an error in WorkOS's shape (<see cref="IsWorkOSError"/>). Everything else is transient: no
    /// answer, a timeout, 408, 429, a 5xx status, a redirect, an oversized body, or an answer not in WorkOS's shape.
    /// </summary>
    public bool IsTransient => !(IsWorkOSError && StatusCode is { } status && (int)status is >= 400 and < 500
        && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests));
}
