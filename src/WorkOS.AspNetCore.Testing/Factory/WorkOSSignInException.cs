using System.Net;

namespace WorkOS.AspNetCore.Testing;

/// <summary>A test sign-in through <see cref="WorkOSTestClient.SignInAsAsync"/> did not complete.</summary>
public sealed class WorkOSSignInException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkOSSignInException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Where and why the sign-in stopped.</param>
    public WorkOSSignInException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    /// <param name="message">Where and why the sign-in stopped.</param>
    /// <param name="innerException">The cause.</param>
    public WorkOSSignInException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message and the status of the response where the sign-in stopped.</summary>
    /// <param name="message">Where and why the sign-in stopped.</param>
    /// <param name="statusCode">The status of the last response.</param>
    public WorkOSSignInException(string message, HttpStatusCode statusCode)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>The status of the response where the sign-in stopped, when there was one.</summary>
    public HttpStatusCode? StatusCode { get; }
}
