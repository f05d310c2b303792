using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Observability;

/// <summary>
/// Records the spans of one trace: the requests a test sends carry its <c>traceparent</c>, so spans of tests running
/// at the same time are not mixed in. Listens to the library's source and to ASP.NET Core's request spans.
/// </summary>
internal sealed class TraceCapture : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public TraceCapture()
    {
        TraceId = ActivityTraceId.CreateRandom();
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is WorkOSAuthKitDefaults.ActivitySourceName or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.TraceId == TraceId ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == TraceId)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ActivityTraceId TraceId { get; }

    /// <summary>The span the test's requests continue (the "browser's" span).</summary>
    public ActivitySpanId ClientSpanId { get; } = ActivitySpanId.CreateRandom();

    public IReadOnlyList<Activity> Spans => [.. _stopped];

    /// <summary>The spans of the library.</summary>
    public IReadOnlyList<Activity> WorkOSSpans => [.. _stopped.Where(a => a.Source.Name == WorkOSAuthKitDefaults.ActivitySourceName)];

    /// <summary>Puts the request into this trace.</summary>
    public void Join(HttpRequestMessage request) => request.Headers.Add("traceparent", $"00-{TraceId}-{ClientSpanId}-01");

    /// <summary>The span ASP.NET Core made for the request the test sent.</summary>
    public Activity RequestSpan() => Assert.Single(Spans, a => a.Source.Name == "Microsoft.AspNetCore" && a.ParentSpanId == ClientSpanId);

    /// <summary>Every tag value of the library's spans, as text.</summary>
    public IEnumerable<string> WorkOSTagValues() =>
        WorkOSSpans.SelectMany(a => a.TagObjects.Select(t => t.Value?.ToString() ?? "").Append(a.DisplayName).Append(a.StatusDescription ?? ""));

    /// <summary>Signs in as <paramref name="email"/> with the callback inside this trace; returns the callback's response.</summary>
    public async Task<HttpResponseMessage> SignInAsync(WorkOSTestClient browser, string email)
    {
        var challenge = await browser.GetAsync("/auth/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var toCallback = await browser.GetAsync(browser.Location(challenge) + "&login_hint=" + Uri.EscapeDataString(email));
        Assert.Equal(HttpStatusCode.Redirect, toCallback.StatusCode);
        return await browser.GetAsync(browser.Location(toCallback).ToString(), Join);
    }

    public void Dispose() => _listener.Dispose();
}
