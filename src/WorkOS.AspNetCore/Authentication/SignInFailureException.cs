namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// Why a sign-in callback was refused, and the status the browser gets for it. Carried as the failure of the
/// remote scheme so the <c>RemoteFailure</c> event sees it.
/// </summary>
public sealed class SignInFailureException : Exception
{
    /// <summary>Creates the exception (raised by the library only).</summary>
    internal SignInFailureException(int statusCode, string error, string description, Exception? inner = null)
        : base(description, inner)
    {
        StatusCode = statusCode;
        Error = error;
    }

    /// <summary>The HTTP status the browser gets when no event handles the failure.</summary>
    public int StatusCode { get; }

    /// <summary>A short error code: <c>invalid_state</c>, <c>state_expired</c>, <c>correlation_failed</c>, <c>access_denied</c>,
    /// <c>code_exchange_failed</c>, <c>token_invalid</c>, <c>workos_unavailable</c> or the error WorkOS sent.</summary>
    public string Error { get; }
}
