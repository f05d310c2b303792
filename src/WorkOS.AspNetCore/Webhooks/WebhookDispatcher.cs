using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>
/// Drains <see cref="WebhookQueue"/>: each event id is handled at most once (claimed through <see cref="IWebhookEventClaim"/>,
/// by default in the app's <c>IDistributedCache</c>, so instances sharing a store skip each other's events; the claim is
/// kept when the handlers fail), and a failing handler is retried with a doubling delay on the app's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class WebhookDispatcher(
    WebhookQueue queue,
    IEnumerable<WebhookHandlerRegistration> registrations,
    IServiceScopeFactory scopes,
    IWebhookEventClaim claim,
    IOptions<WorkOSWebhookOptions> options,
    TimeProvider timeProvider,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly WebhookHandlerRegistration[] _registrations = [.. registrations];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var workOSEvent in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await DispatchAsync(workOSEvent, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal async Task DispatchAsync(WorkOSEvent workOSEvent, CancellationToken cancellationToken)
    {
        if (!await ClaimAsync(workOSEvent, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            foreach (var registration in _registrations)
            {
                if (registration.Handles(workOSEvent.Event))
                {
                    await RunAsync(registration, scope.ServiceProvider, workOSEvent, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Claims the event id for handling; false when it already was, or when the store cannot say.</summary>
    private async Task<bool> ClaimAsync(WorkOSEvent workOSEvent, CancellationToken cancellationToken)
    {
        try
        {
            if (!await claim.TryClaimAsync(workOSEvent.Id, options.Value.DeduplicationWindow, cancellationToken).ConfigureAwait(false))
            {
                logger.Duplicate(workOSEvent.Id, workOSEvent.Event);
                return false;
            }

            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.DeduplicationFailed(workOSEvent.Id, workOSEvent.Event, exception);
            return false;
        }
    }

    private async Task RunAsync(WebhookHandlerRegistration registration, IServiceProvider services, WorkOSEvent workOSEvent, CancellationToken cancellationToken)
    {
        var maxAttempts = options.Value.MaxAttempts;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await registration.InvokeAsync(services, workOSEvent, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempt >= maxAttempts)
                {
                    logger.HandlerGaveUp(workOSEvent.Id, workOSEvent.Event, registration.Name, maxAttempts, exception);
                    return;
                }

                var delay = options.Value.RetryDelay * Math.Pow(2, attempt - 1);
                logger.HandlerRetrying(workOSEvent.Id, workOSEvent.Event, registration.Name, attempt, maxAttempts, delay, exception);
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
