namespace WorkOS.AspNetCore.Fga;

/// <summary>How a fine-grained check ended.</summary>
public enum WorkOSCheckOutcome
{
    /// <summary>WorkOS authorized the membership on the resource.</summary>
    Allowed,

    /// <summary>WorkOS did not authorize it, or the resource is unknown: 403.</summary>
    Denied,

    /// <summary>No one is signed in: challenge.</summary>
    NotSignedIn,

    /// <summary>The session has no organization, so there is no membership to check: 403.</summary>
    NoOrganization,

    /// <summary>The user has no active membership in the session's organization: 403, without a check.</summary>
    NotMember,

    /// <summary>WorkOS failed, timed out or could not be reached; the check fails closed: 503.</summary>
    Unavailable,
}
