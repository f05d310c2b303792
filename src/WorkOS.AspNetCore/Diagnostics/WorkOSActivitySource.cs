using System.Diagnostics;

namespace WorkOS.AspNetCore.Diagnostics;

/// <summary>
/// The <c>WorkOS.AspNetCore</c> activity source: spans for the sign-in callback, session refreshes and each call to
/// WorkOS. Spans carry ids (user, organization, session), endpoint templates and status codes; never tokens, codes,
/// refresh tokens or API keys.
/// </summary>
internal static class WorkOSActivitySource
{
    /// <summary>The span of a sign-in callback.</summary>
    public const string SignInName = "WorkOS sign-in";

    /// <summary>The span of a standalone SSO or Magic Link callback.</summary>
    public const string SsoSignInName = "WorkOS SSO sign-in";

    /// <summary>The span of a session refresh.</summary>
    public const string RefreshName = "WorkOS session refresh";

    public const string UserIdTag = "workos.user.id";
    public const string OrganizationIdTag = "workos.organization.id";
    public const string SessionIdTag = "workos.session.id";
    public const string ConnectionIdTag = "workos.sso.connection.id";

    public static ActivitySource Source { get; } = new(WorkOSAuthKitDefaults.ActivitySourceName, typeof(WorkOSActivitySource).Assembly.GetName().Version?.ToString());

    /// <summary>Starts a span when someone listens; <see langword="null"/> otherwise (no allocation).</summary>
    public static Activity? Start(string name, ActivityKind kind = ActivityKind.Internal) =>
        Source.HasListeners() ? Source.StartActivity(name, kind) : null;

    /// <summary>Tags the session's ids (never its tokens).</summary>
    public static void SetSession(this Activity activity, string? userId, string? organizationId, string? sessionId)
    {
        activity.SetTag(UserIdTag, userId);
        activity.SetTag(OrganizationIdTag, organizationId);
        activity.SetTag(SessionIdTag, sessionId);
    }

    /// <summary>Tags how the work ended, and marks the span failed when it did not succeed.</summary>
    public static void SetOutcome(this Activity activity, string outcome, bool failed)
    {
        activity.SetTag(WorkOSMetrics.OutcomeTag, outcome);
        if (failed)
        {
            activity.SetStatus(ActivityStatusCode.Error, outcome);
        }
    }
}
