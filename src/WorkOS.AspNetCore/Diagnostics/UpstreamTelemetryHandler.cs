using System.Diagnostics;

namespace WorkOS.AspNetCore.Diagnostics;

/// <summary>
/// On the library's HTTP client: a client span named for the WorkOS operation (the parent of the framework's own HTTP
/// span) and the <c>workos.upstream.duration</c> histogram, by endpoint template, method and status code. The URL,
/// with its ids, is never a tag. Passes straight through when nobody listens.
/// </summary>
internal sealed class UpstreamTelemetryHandler(WorkOSMetrics metrics, TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var activity = WorkOSActivitySource.Start(Endpoint(request).Operation, ActivityKind.Client);
        if (activity is null && !metrics.UpstreamEnabled)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var endpoint = Endpoint(request);
        var method = request.Method.Method;
        activity?.SetTag("workos.endpoint", endpoint.Template);
        activity?.SetTag("http.request.method", method);
        var started = timeProvider.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var error = status >= 400 ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            metrics.Upstream(timeProvider.GetElapsedTime(started), endpoint.Template, method, status, error);
            if (activity is not null)
            {
                activity.SetTag("http.response.status_code", status);
                if (error is not null)
                {
                    activity.SetTag("error.type", error);
                    activity.SetStatus(ActivityStatusCode.Error, error);
                }
            }

            return response;
        }
        catch (Exception ex)
        {
            var error = ex.GetType().FullName!;
            metrics.Upstream(timeProvider.GetElapsedTime(started), endpoint.Template, method, null, error);
            activity?.SetTag("error.type", error);
            activity?.SetStatus(ActivityStatusCode.Error, error);
            throw;
        }
        finally
        {
            activity?.Dispose();
        }
    }

    private static WorkOSEndpoint Endpoint(HttpRequestMessage request) =>
        request.Options.TryGetValue(WorkOSEndpoint.Key, out var endpoint) ? endpoint : WorkOSEndpoint.Other;
}
