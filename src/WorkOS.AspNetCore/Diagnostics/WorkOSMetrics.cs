using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WorkOS.AspNetCore.Diagnostics;

/// <summary>
/// The instruments of the <c>WorkOS.AspNetCore</c> meter, created through the app's <see cref="IMeterFactory"/>. Tags
/// are bounded (outcomes, endpoint templates, status codes), never ids or secrets. Every method returns at once when
/// nobody listens to its instrument.
/// </summary>
internal sealed class WorkOSMetrics
{
    /// <summary>The name of the meter (and of the activity source).</summary>
    public const string MeterName = WorkOSAuthKitDefaults.MeterName;

    /// <summary>The tag that says how something ended.</summary>
    public const string OutcomeTag = "workos.outcome";

    private static readonly IReadOnlyList<double> DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 15];

    private readonly Counter<long> _signIns;
    private readonly Counter<long> _ssoSignIns;
    private readonly Counter<long> _refreshes;
    private readonly Histogram<double> _refreshDuration;
    private readonly Histogram<double> _upstreamDuration;
    private readonly Counter<long> _jwksFetches;
    private readonly Counter<long> _apiKeyValidations;
    private readonly Counter<long> _checks;
    private readonly Counter<long> _revokedRefusals;
    private readonly Counter<long> _eventMarks;

    public WorkOSMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        var durations = new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets };
        _signIns = meter.CreateCounter<long>("workos.sign_ins", "{sign_in}", "Sign-in callbacks handled, by outcome.");
        _ssoSignIns = meter.CreateCounter<long>("workos.sso.sign_ins", "{sign_in}", "Standalone SSO and Magic Link sign-in callbacks handled, by outcome.");
        _refreshes = meter.CreateCounter<long>("workos.session.refreshes", "{refresh}",
            "Session refresh decisions, by outcome: a refresh token spent at WorkOS, a recent result reused, or a refusal.");
        _refreshDuration = meter.CreateHistogram("workos.session.refresh.duration", "s",
            "How long a request waited for its session refresh, by outcome.", advice: durations);
        _upstreamDuration = meter.CreateHistogram("workos.upstream.duration", "s",
            "Duration of the calls to WorkOS, by endpoint template and status code.", advice: durations);
        _jwksFetches = meter.CreateCounter<long>("workos.jwks.fetches", "{fetch}", "Fetches of WorkOS's signing keys, by outcome.");
        _apiKeyValidations = meter.CreateCounter<long>("workos.api_key.validations", "{validation}",
            "API keys checked, by outcome and whether the answer came from the cache.");
        _checks = meter.CreateCounter<long>("workos.fga.checks", "{check}", "Fine-grained authorization checks decided, by outcome.");
        _revokedRefusals = meter.CreateCounter<long>("workos.session.revoked_refusals", "{request}",
            "Requests refused because their session was signed out or revoked, by where the refusal happened.");
        _eventMarks = meter.CreateCounter<long>("workos.session.event_marks", "{mark}",
            "Revocations and early-refresh marks applied from WorkOS events, by outcome.");
    }

    /// <summary>Whether anyone listens to the upstream-call durations.</summary>
    public bool UpstreamEnabled => _upstreamDuration.Enabled;

    /// <summary>Whether anyone listens to the refresh durations.</summary>
    public bool RefreshDurationEnabled => _refreshDuration.Enabled;

    /// <summary>A sign-in callback ended: <c>signed_in</c>, <c>restarted</c>, <c>handled</c> or the refusal's error code.</summary>
    public void SignIn(string outcome) => Add(_signIns, OutcomeTag, outcome);

    /// <summary>An SSO or Magic Link callback ended: <c>signed_in</c> or the refusal's error code (a bounded set).</summary>
    public void SsoSignIn(string outcome) => Add(_ssoSignIns, OutcomeTag, outcome);

    /// <summary>A refresh decision: <c>refreshed</c>, <c>replayed</c>, <c>stale</c>, <c>backing_off</c>, <c>transient</c>, <c>signed_out</c>, <c>coordination_failed</c>.</summary>
    public void Refresh(string outcome) => Add(_refreshes, OutcomeTag, outcome);

    /// <summary>A request's wait for its refresh.</summary>
    public void RefreshDuration(TimeSpan elapsed, string outcome)
    {
        if (_refreshDuration.Enabled)
        {
            _refreshDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(OutcomeTag, outcome));
        }
    }

    /// <summary>A call to WorkOS ended, answered (<paramref name="statusCode"/>) or not (<paramref name="errorType"/>).</summary>
    public void Upstream(TimeSpan elapsed, string endpoint, string method, int? statusCode, string? errorType)
    {
        if (!_upstreamDuration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "workos.endpoint", endpoint },
            { "http.request.method", method },
        };
        if (statusCode is { } status)
        {
            tags.Add("http.response.status_code", status);
        }

        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        _upstreamDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>A fetch of the signing keys: <c>fetched</c> or <c>failed</c> (with <paramref name="errorType"/>).</summary>
    public void JwksFetch(string outcome, string? errorType = null)
    {
        if (!_jwksFetches.Enabled)
        {
            return;
        }

        var tags = new TagList { { OutcomeTag, outcome } };
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        _jwksFetches.Add(1, tags);
    }

    /// <summary>An API key checked: <c>valid</c>, <c>invalid</c> or <c>unavailable</c>; <paramref name="cacheHit"/> when no call of its own was made.</summary>
    public void ApiKeyValidation(string outcome, bool cacheHit)
    {
        if (_apiKeyValidations.Enabled)
        {
            _apiKeyValidations.Add(1, new KeyValuePair<string, object?>(OutcomeTag, outcome), new KeyValuePair<string, object?>("workos.cache.hit", cacheHit));
        }
    }

    /// <summary>A fine-grained check decided, tagged with the decision's reason (a fixed set).</summary>
    public void Check(string reason) => Add(_checks, OutcomeTag, reason);

    /// <summary>A request refused for a revoked session: <c>cookie</c>, <c>refresh</c>, <c>bearer</c> or <c>circuit</c>.</summary>
    public void RevokedRefusal(string source) => Add(_revokedRefusals, "workos.source", source);

    /// <summary>A WorkOS event put something on the revoked-session list: <c>session_revoked</c>, <c>subject_revoked</c> or <c>refresh</c>.</summary>
    public void EventMark(string outcome) => Add(_eventMarks, OutcomeTag, outcome);

    private static void Add(Counter<long> counter, string tag, string value)
    {
        if (counter.Enabled)
        {
            counter.Add(1, new KeyValuePair<string, object?>(tag, value));
        }
    }
}
