namespace WorkOS.AspNetCore.Fga;

/// <summary>The result of one fine-grained check: the outcome, a reason code and a message for people.</summary>
internal sealed record WorkOSCheckDecision(WorkOSCheckOutcome Outcome, string Reason, string Message)
{
    public static readonly WorkOSCheckDecision NotSignedIn =
        new(WorkOSCheckOutcome.NotSignedIn, "not_signed_in", "Sign in to continue.");

    public static readonly WorkOSCheckDecision NoOrganization =
        new(WorkOSCheckOutcome.NoOrganization, "no_organization", "The session is not scoped to an organization; choose an organization and try again.");

    public static readonly WorkOSCheckDecision NotMember =
        new(WorkOSCheckOutcome.NotMember, "not_a_member", "You are not an active member of the session's organization.");

    public static readonly WorkOSCheckDecision NoResource =
        new(WorkOSCheckOutcome.Denied, "no_resource", "The request does not name the resource to authorize.");

    public static readonly WorkOSCheckDecision Allowed =
        new(WorkOSCheckOutcome.Allowed, "allowed", "Allowed.");

    public static readonly WorkOSCheckDecision Denied =
        new(WorkOSCheckOutcome.Denied, "permission_denied", "You do not have permission to do this.");

    public static readonly WorkOSCheckDecision NotFound =
        new(WorkOSCheckOutcome.Denied, "resource_not_found", "You do not have permission to do this.");

    public static readonly WorkOSCheckDecision Rejected =
        new(WorkOSCheckOutcome.Denied, "invalid_check", "You do not have permission to do this.");

    public static readonly WorkOSCheckDecision Unavailable =
        new(WorkOSCheckOutcome.Unavailable, "authorization_unavailable", "Authorization is temporarily unavailable; try again shortly.");
}
