using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Diagnostics;
using WorkOS.AspNetCore.Threading;

namespace WorkOS.AspNetCore.HealthChecks;

/// <summary>
/// <c>workos-api-key</c>: WorkOS accepts the configured API key. One cheap authenticated call (the first page, of one,
/// of a placeholder organization's memberships), its result reused for <see cref="WorkOSHealthCheckOptions.ResultLifetime"/>
/// and shared by concurrent probes. Unhealthy when WorkOS refuses the key (401, 403) or none is configured; degraded
/// when WorkOS cannot be asked (timeout, network, 429, 5xx).
/// </summary>
internal sealed class WorkOSApiKeyHealthCheck(
    IHttpClientFactory httpClientFactory,
    IOptionsMonitor<WorkOSClientOptions> client,
    IOptionsMonitor<WorkOSHealthCheckOptions> options,
    TimeProvider timeProvider,
    ILogger<WorkOSApiKeyHealthCheck> logger) : IHealthCheck
{
    /// <summary>A placeholder organization: WorkOS checks the key before it looks the organization up.</summary>
    private const string ProbePath = "user_management/organization_memberships?organization_id=org_health_check&limit=1";

    private readonly SingleFlight<int, Answer> _probes = new();
    private Answer? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = client.CurrentValue;
        if (string.IsNullOrEmpty(settings.ApiKey))
        {
            logger.NotConfigured(context.Registration.Name, "API key");
            return new HealthCheckResult(context.Registration.FailureStatus, "No WorkOS API key is configured (WorkOS:ApiKey).");
        }

        var api = WorkOSApiSettings.From(settings);
        var last = Volatile.Read(ref _last);
        if (last is null || last.Settings != api || timeProvider.GetUtcNow() >= last.ExpiresAt)
        {
            // Not tied to one probe: the call serves every probe waiting for it, and has its own timeout.
            last = await _probes.RunAsync(0, static (_, state) => state.Check.AskAsync(state.Api, state.Name), (Check: this, Api: api,
                Name: context.Registration.Name), CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return last.Kind switch
        {
            HealthStatus.Unhealthy => new HealthCheckResult(context.Registration.FailureStatus, last.Description, last.Exception),
            var status => new HealthCheckResult(status, last.Description, last.Exception),
        };
    }

    private async Task<Answer> AskAsync(WorkOSApiSettings settings, string name)
    {
        var answer = await CallAsync(settings, name).ConfigureAwait(false);
        Volatile.Write(ref _last, answer);
        return answer;
    }

    private async Task<Answer> CallAsync(WorkOSApiSettings settings, string name)
    {
        var now = timeProvider.GetUtcNow();
        var until = now + options.CurrentValue.ResultLifetime;
        var timeoutAfter = options.CurrentValue.Timeout;
        using var timeout = new CancellationTokenSource(timeoutAfter, timeProvider);
        var api = WorkOSApiClient.Create(httpClientFactory, settings, logger, timeProvider);
        using var request = WorkOSEndpoint.ListMemberships.Tag(new HttpRequestMessage(HttpMethod.Get, settings.Url(ProbePath)));
        try
        {
            await api.SendAsync(request, WorkOSJsonContext.Default.JsonElement, authenticated: true, timeout.Token).ConfigureAwait(false);
            return new Answer(settings, HealthStatus.Healthy, "WorkOS accepted the API key.", null, until);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            logger.ApiKeyUnverified(name, "timeout", ex);
            return new Answer(settings, HealthStatus.Degraded, $"WorkOS did not answer within {timeoutAfter.TotalSeconds:0.#} s.", ex, until);
        }
        catch (WorkOSApiException ex) when (ex.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            logger.ApiKeyRefused(name, (int)ex.StatusCode);
            return new Answer(settings, HealthStatus.Unhealthy, $"WorkOS refused the API key ({(int)ex.StatusCode}).", ex, until);
        }
        catch (WorkOSApiException ex) when (ex.IsWorkOSError && ex.StatusCode is { } status && (int)status is >= 400 and < 500 && !ex.IsTransient)
        {
            // WorkOS authenticated the call and refused only the placeholder: the key is accepted.
            return new Answer(settings, HealthStatus.Healthy, "WorkOS accepted the API key.", null, until);
        }
        catch (WorkOSApiException ex)
        {
            logger.ApiKeyUnverified(name, ex.ErrorCode ?? (ex.StatusCode is { } code ? ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture) : "error"), ex);
            return new Answer(settings, HealthStatus.Degraded, "WorkOS could not be asked whether it accepts the API key.", ex, until);
        }
        catch (JsonException ex)
        {
            logger.ApiKeyUnverified(name, "invalid_response", ex);
            return new Answer(settings, HealthStatus.Degraded, "WorkOS answered the API-key check with something unexpected.", ex, until);
        }
    }

    /// <summary>A check's result, for the settings it was made with, until it expires.</summary>
    private sealed record Answer(WorkOSApiSettings Settings, HealthStatus Kind, string Description, Exception? Exception, DateTimeOffset ExpiresAt);
}
