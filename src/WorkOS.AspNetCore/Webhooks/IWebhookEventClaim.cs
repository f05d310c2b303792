namespace WorkOS.AspNetCore.Webhooks;

/// <summary>
/// Claims an event id for handling, so an event delivered more than once, to one instance or several, is handled at
/// most once. The default claims in the app's <c>IDistributedCache</c>; <c>AddWorkOSStackExchangeRedis</c> replaces it
/// with an atomic claim on Redis. A claim is kept when the handlers fail: an event is handled at most once.
/// </summary>
internal interface IWebhookEventClaim
{
    /// <summary>
    /// Claims <paramref name="eventId"/> for <paramref name="lifetime"/>: true for the first caller, false while the claim
    /// is held. Throws when the store cannot say; the event is then not handled.
    /// </summary>
    ValueTask<bool> TryClaimAsync(string eventId, TimeSpan lifetime, CancellationToken cancellationToken);
}
