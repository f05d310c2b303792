namespace WorkOS.AspNetCore.Emulator;

public sealed partial class WorkOSEmulator
{
    /// <summary>
    /// Registers a webhook endpoint: from now on every event is POSTed to it in WorkOS's envelope: <c>session.created</c>
    /// at each sign-in, <c>session.revoked</c>, <c>user.created</c>, <c>user.deleted</c>, <c>organization_membership.created</c>,
    /// <c>.updated</c> and <c>.deleted</c>, <c>role.created</c>, <c>role.updated</c> and <c>role.deleted</c>, and
    /// <c>dsync.user.updated</c> and <c>dsync.user.deleted</c> for a deprovisioned directory user,
    /// signed in the <c>WorkOS-Signature</c> header with <paramref name="secret"/>, through
    /// <see cref="WorkOSEmulatorOptions.WebhookHttpClient"/>, and retried on failure.
    /// </summary>
    /// <param name="url">The absolute <c>http</c> or <c>https</c> URL.</param>
    /// <param name="secret">The signing secret.</param>
    /// <returns>The endpoint id (<c>we_...</c>).</returns>
    /// <exception cref="ArgumentException">The URL is not an absolute http or https URL, or the secret is empty.</exception>
    public string AddWebhookEndpoint(string url, string secret)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(secret);
        return _core.Webhooks.Add(url, secret);
    }

    /// <summary>A snapshot of every webhook delivery so far, oldest first: one per event and endpoint.</summary>
    public IReadOnlyList<WebhookDelivery> WebhookDeliveries => _core.Webhooks.Snapshot();

    /// <summary>
    /// Completes with the first delivery of <paramref name="eventType"/> that was delivered or has failed (counting those
    /// already finished), so tests need not sleep. With a fake clock, advance it to let retries happen.
    /// </summary>
    /// <param name="eventType">The event type, such as <c>session.revoked</c>, or <c>*</c> for any.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The delivery.</returns>
    public Task<WebhookDelivery> WaitForWebhookDeliveryAsync(string eventType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        return _core.Webhooks.WaitAsync(eventType, 0, cancellationToken);
    }

    /// <summary>
    /// Completes with the first delivery of <paramref name="eventType"/> that has made <paramref name="attempts"/> attempts
    /// or has finished. When it completes after a failed attempt, the retry's timer is already running on the
    /// emulator's clock, so a test with a fake clock can advance it past <see cref="WorkOSEmulatorOptions.WebhookRetryDelay"/>.
    /// </summary>
    /// <param name="eventType">The event type, or <c>*</c> for any.</param>
    /// <param name="attempts">The number of attempts to wait for; at least 1.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The delivery.</returns>
    public Task<WebhookDelivery> WaitForWebhookAttemptsAsync(string eventType, int attempts, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        return _core.Webhooks.WaitAsync(eventType, attempts, cancellationToken);
    }
}
