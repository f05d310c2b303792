using System.Diagnostics;
using WorkOS.AspNetCore.Diagnostics;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// One request's wait for its session refresh: the <c>WorkOS session refresh</c> span (the parent of the WorkOS call
/// it makes, the child of the request's span) and the <c>workos.session.refresh.duration</c> histogram. Not created
/// when nobody listens.
/// </summary>
internal sealed class RefreshMeasurement : IDisposable
{
    private readonly WorkOSMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly Activity? _activity;
    private readonly long _started;
    private bool _completed;

    private RefreshMeasurement(WorkOSMetrics metrics, TimeProvider time, Activity? activity)
    {
        _metrics = metrics;
        _time = time;
        _activity = activity;
        _started = time.GetTimestamp();
    }

    /// <summary>Starts measuring, or returns <see langword="null"/> when neither the span nor the histogram has a listener.</summary>
    public static RefreshMeasurement? Start(WorkOSMetrics metrics, TimeProvider time, string? userId, string? organizationId, string? sessionId)
    {
        var activity = WorkOSActivitySource.Start(WorkOSActivitySource.RefreshName);
        if (activity is null && !metrics.RefreshDurationEnabled)
        {
            return null;
        }

        activity?.SetSession(userId, organizationId, sessionId);
        return new RefreshMeasurement(metrics, time, activity);
    }

    /// <summary>The outcome's name in metrics and spans.</summary>
    public static string Name(RefreshStatus status) => status switch
    {
        RefreshStatus.Refreshed => "refreshed",
        RefreshStatus.Transient => "transient",
        RefreshStatus.Ended => "signed_out",
        RefreshStatus.Stale => "stale",
        _ => "refused",
    };

    /// <summary>Records the refresh's outcome and ends the span.</summary>
    public void Complete(RefreshOutcome outcome) =>
        Complete(Name(outcome.Status), failed: outcome.Status is RefreshStatus.Transient or RefreshStatus.Ended);

    /// <summary>Ends a refresh that threw.</summary>
    public void Dispose() => Complete("error", failed: true);

    private void Complete(string outcome, bool failed)
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _metrics.RefreshDuration(_time.GetElapsedTime(_started), outcome);
        _activity?.SetOutcome(outcome, failed);
        _activity?.Dispose();
    }
}
