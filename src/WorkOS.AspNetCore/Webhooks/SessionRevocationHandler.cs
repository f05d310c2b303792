using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Diagnostics;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>
/// The built-in handler that makes revocation take effect at once: <c>session.revoked</c> puts the session on the
/// revoked-session list; a deleted user, a deleted or no longer active membership, and a deprovisioned Directory Sync
/// user that names its AuthKit user refuse every token of that user (in that organization) issued before the event;
/// a membership, role or permission change marks the tokens issued before it for an early refresh. Marks only move
/// forward, so a repeated or older event changes nothing. Off with <see cref="WorkOSWebhookOptions.RevokeSessionsFromEvents"/>.
/// </summary>
internal sealed class SessionRevocationHandler(
    IRevokedSessionStore store,
    MemoryRevokedSessionStore local,
    IOptions<WorkOSWebhookOptions> options,
    TimeProvider timeProvider,
    ILogger<SessionRevocationHandler> logger,
    SessionRevokedSignal? signal = null,
    WorkOSMetrics? metrics = null) : IWorkOSEventHandler
{
    /// <summary>The furthest ahead of this app's clock an event's time is taken as given; a later time is cut to this.</summary>
    internal static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(5);

    /// <summary>Added to the longest token lifetime seen, for clocks that differ: a mark outlives every token it covers.</summary>
    internal static readonly TimeSpan RetentionMargin = TimeSpan.FromMinutes(5);

    /// <summary>Registers the handler for every event, first, once (a line in the webhooks' and the events reader's registration).</summary>
    public static void Register(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(SessionRevocationHandler)))
        {
            return;
        }

        RevokedSessionStoreRegistration.TryAdd(services);
        services.TryAddSingleton<SessionRevocationHandler>();
        services.AddSingleton(new WebhookHandlerRegistration(null, "session revocation", (sp, e, ct) =>
            sp.GetRequiredService<SessionRevocationHandler>().HandleAsync(e, ct)));
    }

    public async Task HandleAsync(WorkOSEvent workOSEvent, CancellationToken cancellationToken)
    {
        if (Plan(workOSEvent) is not { } plan)
        {
            return;
        }

        if (!options.Value.RevokeSessionsFromEvents)
        {
            logger.RevocationOff(workOSEvent.Id, workOSEvent.Event);
            return;
        }

        if (plan.Reason is { } reason)
        {
            logger.EventNotApplied(workOSEvent.Id, workOSEvent.Event, reason);
            return;
        }

        var now = timeProvider.GetUtcNow();
        var before = workOSEvent.CreatedAt == default ? now : workOSEvent.CreatedAt > now + MaxAhead ? now + MaxAhead : workOSEvent.CreatedAt;
        var until = before + (local.LongestTokenLifetime ?? SessionRevoker.UnknownExpiryRetention) + RetentionMargin;
        if (until <= now)
        {
            return; // every token issued before the event has expired
        }

        try
        {
            if (plan.SessionId is { } sessionId)
            {
                await store.RevokeAsync(sessionId, until, cancellationToken).ConfigureAwait(false);
                logger.SessionRevokedByEvent(workOSEvent.Id, workOSEvent.Event, sessionId, until);
                metrics?.EventMark("session_revoked");
                signal?.Raise();
                return;
            }

            await store.MarkAsync(new SessionMark(plan.Kind, plan.UserId, plan.OrganizationId, before, until), cancellationToken).ConfigureAwait(false);
        }
        catch (SessionCoordinationUnavailableException ex)
        {
            // This instance already applies it; the dispatcher retries, so the other instances learn it too.
            logger.MarkNotShared(workOSEvent.Id, workOSEvent.Event, ex);
            throw;
        }

        if (plan.Kind == SessionMarkKind.Revoke)
        {
            logger.SubjectRevokedByEvent(workOSEvent.Id, workOSEvent.Event, plan.UserId ?? "(all)", plan.OrganizationId ?? "(all)", before, until);
            metrics?.EventMark("subject_revoked");
            signal?.Raise();
        }
        else
        {
            logger.RefreshMarkedByEvent(workOSEvent.Id, workOSEvent.Event, plan.UserId ?? "(all)", plan.OrganizationId ?? "(all)", before, until);
            metrics?.EventMark("refresh");
        }
    }

    /// <summary>What the event does to sessions; null for events that touch none.</summary>
    internal static RevocationPlan? Plan(WorkOSEvent workOSEvent)
    {
        var data = workOSEvent.Data;
        switch (workOSEvent.Event)
        {
            case "session.revoked":
                return Text(data, "id") is { } sessionId ? new RevocationPlan { SessionId = sessionId } : RevocationPlan.Unusable("the data has no session id");
            case "user.deleted":
                return Text(data, "id") is { } deleted ? Revoke(deleted, null) : RevocationPlan.Unusable("the data has no user id");
            case "organization_membership.deleted":
                return Membership(data, SessionMarkKind.Revoke);
            case "organization_membership.updated":
                // Active: its role(s) may have changed, so refresh. Any other status (inactive, pending) ends its sessions.
                return Membership(data, string.Equals(Text(data, "status"), "active", StringComparison.Ordinal) ? SessionMarkKind.Refresh : SessionMarkKind.Revoke);
            case "dsync.user.deleted":
                return DirectoryUser(data, SessionMarkKind.Revoke);
            case "dsync.user.updated":
                return DirectoryUser(data, string.Equals(Text(data, "state"), "active", StringComparison.Ordinal) ? SessionMarkKind.Refresh : SessionMarkKind.Revoke);
            case "role.created" or "permission.created":
                return null; // nobody holds it yet
            case "role.updated" or "role.deleted":
                // Who holds the role is not in the event: every token (of the role's organization, for an organization role) refreshes.
                return new RevocationPlan { Kind = SessionMarkKind.Refresh, OrganizationId = Text(data, "organization_id") };
            case "permission.updated" or "permission.deleted":
                return new RevocationPlan { Kind = SessionMarkKind.Refresh };
            default:
                return null;
        }
    }

    private static RevocationPlan Revoke(string userId, string? organizationId) =>
        new() { Kind = SessionMarkKind.Revoke, UserId = userId, OrganizationId = organizationId };

    private static RevocationPlan Membership(JsonElement data, SessionMarkKind kind) =>
        Text(data, "user_id") is { } userId && Text(data, "organization_id") is { } organizationId
            ? new RevocationPlan { Kind = kind, UserId = userId, OrganizationId = organizationId }
            : RevocationPlan.Unusable("the membership has no user_id or organization_id");

    /// <summary>
    /// A directory user is linked to its AuthKit user only by a <c>user_id</c> in the payload, never by email: a
    /// directory's emails are asserted by the customer's identity provider, so an email link would let one
    /// organization's directory end the sessions of anyone else's user. Scoped to the directory's organization.
    /// </summary>
    private static RevocationPlan DirectoryUser(JsonElement data, SessionMarkKind kind) =>
        Text(data, "user_id") is { } userId
            ? new RevocationPlan { Kind = kind, UserId = userId, OrganizationId = Text(data, "organization_id") }
            : RevocationPlan.Unusable("the directory user names no AuthKit user_id (directory users are not linked by email); the organization_membership events of the same change end its sessions");

    private static string? Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>What one event does: a session to revoke, or a mark on a user, membership, organization or everyone; or why it does nothing.</summary>
    internal sealed record RevocationPlan
    {
        public string? SessionId { get; init; }

        public SessionMarkKind Kind { get; init; }

        public string? UserId { get; init; }

        public string? OrganizationId { get; init; }

        public string? Reason { get; init; }

        public static RevocationPlan Unusable(string reason) => new() { Reason = reason };
    }
}
