namespace WorkOS.AspNetCore.Webhooks;

/// <summary>
/// Settings of the WorkOS webhook endpoint (<c>MapWorkOSWebhooks</c>) and of the handlers that run after it answered.
/// Bound from the <c>WorkOS:Webhooks</c> configuration section; <c>WORKOS_WEBHOOK_SECRET</c> adds one secret.
/// </summary>
public sealed class WorkOSWebhookOptions
{
    /// <summary>
    /// The endpoint secrets a delivery may be signed with. Several are accepted at once, so a secret can be rotated:
    /// add the new one, switch it in the WorkOS dashboard, then remove the old one.
    /// </summary>
    public IList<string> Secrets { get; } = [];

    /// <summary>How far the signature's timestamp may be from this app's clock, in either direction. Default 180 seconds.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromSeconds(180);

    /// <summary>The largest request body read, in bytes; a larger one is answered 413 unread. Default 1 MiB.</summary>
    public long MaxBodySize { get; set; } = 1024 * 1024;

    /// <summary>How many verified events may wait for their handlers; beyond it the endpoint answers 503 so WorkOS retries. Default 1000.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>How many times a failing handler is run for one event before it is given up. Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before a failing handler's second attempt; it doubles for each attempt after. Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an event id is remembered (in the app's <c>IDistributedCache</c>) so a repeated delivery is not handled
    /// again. Default 3 days, as long as WorkOS retries a delivery.
    /// </summary>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// Whether WorkOS events revoke and refresh sessions at once (default true): <c>session.revoked</c>, a deleted user,
    /// a deleted or no longer active organization membership and a deprovisioned Directory Sync user refuse the
    /// affected cookies, bearer tokens and Blazor circuits; membership, role and permission changes refresh the
    /// affected cookie sessions early (and refuse older bearer tokens with <c>invalid_token</c> so the caller
    /// refreshes). Set false to leave sessions alone and handle these events yourself.
    /// </summary>
    public bool RevokeSessionsFromEvents { get; set; } = true;
}
