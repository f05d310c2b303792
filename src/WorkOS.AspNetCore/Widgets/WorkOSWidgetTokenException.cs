namespace WorkOS.AspNetCore.Widgets;

/// <summary>No widget token could be issued for the request; <see cref="Failure"/> says why.</summary>
public sealed class WorkOSWidgetTokenException : Exception
{
    /// <summary>Creates the exception. Public so that an app's tests can raise it from a substitute.</summary>
    /// <param name="failure">Why no token was issued.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The failure underneath (a <see cref="Api.WorkOSApiException"/> for WorkOS's answers), if any.</param>
    public WorkOSWidgetTokenException(WorkOSWidgetTokenFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>Why no token was issued.</summary>
    public WorkOSWidgetTokenFailure Failure { get; }
}
