namespace WorkOS.AspNetCore.Session;

/// <summary>The outcome of switching the signed-in session to another organization.</summary>
public sealed class OrganizationSwitchResult
{
    private OrganizationSwitchResult(OrganizationSwitchStatus status, string? error, string? description)
    {
        Status = status;
        Error = error;
        ErrorDescription = description;
    }

    /// <summary>What happened.</summary>
    public OrganizationSwitchStatus Status { get; }

    /// <summary>Whether the session now belongs to the organization (the cookie was re-issued and <c>HttpContext.User</c> updated).</summary>
    public bool Succeeded => Status == OrganizationSwitchStatus.Switched;

    /// <summary>The WorkOS error code when the switch did not happen.</summary>
    public string? Error { get; }

    /// <summary>A description of the error, for logs or the user.</summary>
    public string? ErrorDescription { get; }

    internal static OrganizationSwitchResult Switched() => new(OrganizationSwitchStatus.Switched, null, null);

    internal static OrganizationSwitchResult Failed(OrganizationSwitchStatus status, string? error, string? description) => new(status, error, description);
}

/// <summary>How an organization switch ended.</summary>
public enum OrganizationSwitchStatus
{
    /// <summary>The session now belongs to the organization.</summary>
    Switched,

    /// <summary>No one is signed in.</summary>
    NotSignedIn,

    /// <summary>The organization needs the user to sign in again (SSO, MFA enrolment); challenge with its organization id.</summary>
    SignInRequired,

    /// <summary>
    /// WorkOS refused (for example: not a member of that organization), or the session in that organization is too large
    /// for the iron session cookie (<see cref="OrganizationSwitchResult.Error"/> <c>session_too_large</c>); the session is unchanged.
    /// </summary>
    Refused,

    /// <summary>WorkOS could not be reached; the session is unchanged. Try again later.</summary>
    Unavailable,

    /// <summary>The WorkOS session has ended; the user was signed out.</summary>
    SessionEnded,
}
