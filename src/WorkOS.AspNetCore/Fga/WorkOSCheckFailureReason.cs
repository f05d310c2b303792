using Microsoft.AspNetCore.Authorization;

namespace WorkOS.AspNetCore.Fga;

/// <summary>Why a <see cref="WorkOSCheckRequirement"/> failed; found in <c>AuthorizationResult.Failure.FailureReasons</c>.</summary>
public sealed class WorkOSCheckFailureReason : AuthorizationFailureReason
{
    internal WorkOSCheckFailureReason(IAuthorizationHandler handler, WorkOSCheckOutcome outcome, string reason, string message)
        : base(handler, message)
    {
        Outcome = outcome;
        Reason = reason;
    }

    /// <summary>How the check ended; <see cref="WorkOSCheckOutcome.Unavailable"/> means WorkOS could not answer (answer 503).</summary>
    public WorkOSCheckOutcome Outcome { get; }

    /// <summary>A short reason code: <c>permission_denied</c>, <c>not_a_member</c>, <c>authorization_unavailable</c>, ...</summary>
    public string Reason { get; }
}
