namespace WorkOS.AspNetCore.Session;

/// <summary>
/// Thrown by an <see cref="ISessionRefreshCoordinator"/> whose store cannot be reached (refused, dropped, timing out).
/// The library takes it for a transient refresh failure: the user stays signed in while the access token is valid,
/// nothing is spent, and it logs event 1821. Any other exception from a coordinator is a bug and surfaces.
/// </summary>
public sealed class SessionCoordinationUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SessionCoordinationUnavailableException()
        : base("The refresh coordinator's store is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What could not be reached.</param>
    public SessionCoordinationUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the store's own failure.</summary>
    /// <param name="message">What could not be reached.</param>
    /// <param name="innerException">The store's failure.</param>
    public SessionCoordinationUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
