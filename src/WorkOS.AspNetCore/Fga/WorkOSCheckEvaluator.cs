using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Diagnostics;

namespace WorkOS.AspNetCore.Fga;

/// <summary>
/// Decides fine-grained checks for the endpoint filter, the MVC filter and the authorization handler: who is
/// asking (signed in, organization, membership), then WorkOS's check. Identical checks in one request share one
/// answer. Every failure denies: WorkOS errors and timeouts with <see cref="WorkOSCheckOutcome.Unavailable"/> (503).
/// Anything else that goes wrong is a bug, and is thrown for the app's exception handling rather than dressed as 503.
/// </summary>
internal sealed class WorkOSCheckEvaluator(WorkOSFgaClient client, MembershipCache memberships, IOptions<FgaOptions> options,
    ILogger<WorkOSCheckEvaluator> logger, WorkOSMetrics? metrics = null)
{
    public Task<WorkOSCheckDecision> EvaluateAsync(HttpContext? httpContext, ClaimsPrincipal? user, string permission, WorkOSResource? resource)
    {
        if (user is null || !user.Identities.Any(i => i.IsAuthenticated))
        {
            return Task.FromResult(Counted(WorkOSCheckDecision.NotSignedIn));
        }

        // The user and organization come from one authenticated identity, never from an unauthenticated one beside it.
        var identity = user.Identities.FirstOrDefault(i => i.IsAuthenticated && i.HasClaim(c => c.Type == WorkOSClaimTypes.UserId));
        var userId = identity?.FindFirst(WorkOSClaimTypes.UserId)?.Value;
        var organizationId = identity?.FindFirst(WorkOSClaimTypes.OrganizationId)?.Value;
        if (string.IsNullOrEmpty(userId))
        {
            logger.NotMember(permission, userId, organizationId);
            return Task.FromResult(Counted(WorkOSCheckDecision.NotMember));
        }

        if (string.IsNullOrEmpty(organizationId))
        {
            logger.NoOrganization(permission, userId);
            return Task.FromResult(Counted(WorkOSCheckDecision.NoOrganization));
        }

        if (resource is null)
        {
            logger.NoResource(permission);
            return Task.FromResult(Counted(WorkOSCheckDecision.NoResource));
        }

        if (httpContext is null)
        {
            return CheckAsync(null, userId, organizationId, permission, resource);
        }

        // One answer per identical check in this request, kept in a feature of the request (no lock, no Items entry).
        var memo = httpContext.Features.Get<WorkOSCheckMemo>();
        if (memo is null)
        {
            memo = new WorkOSCheckMemo();
            httpContext.Features.Set(memo);
        }

        var key = new WorkOSCheckMemo.Key(userId, organizationId, permission, resource);
        if (memo.Checks.TryGetValue(key, out var remembered))
        {
            logger.CheckMemoized(permission, resource);
            return remembered;
        }

        var check = CheckAsync(httpContext, userId, organizationId, permission, resource);
        return memo.Checks.TryAdd(key, check) ? check : memo.Checks[key];
    }

    private async Task<WorkOSCheckDecision> CheckAsync(HttpContext? httpContext, string userId, string organizationId, string permission,
        WorkOSResource resource)
    {
        var aborted = httpContext?.RequestAborted ?? CancellationToken.None;
        if (!client.IsConfigured)
        {
            logger.ApiKeyMissing(client.Scheme);
            await RaiseFailedAsync(httpContext, permission, resource, userId, organizationId, "not_configured", null).ConfigureAwait(false);
            return Counted(WorkOSCheckDecision.Unavailable);
        }

        var membership = await memberships.GetAsync(userId, organizationId,
            ct => client.FindActiveMembershipIdAsync(userId, organizationId, ct), aborted).ConfigureAwait(false);
        if (membership.Failure is { } lookupFailure)
        {
            logger.MembershipLookupFailed(userId, organizationId, lookupFailure.Error, lookupFailure.Exception);
            await RaiseFailedAsync(httpContext, permission, resource, userId, organizationId, lookupFailure.Error, lookupFailure.Exception).ConfigureAwait(false);
            return Counted(WorkOSCheckDecision.Unavailable);
        }

        if (membership.Value is not { } membershipId)
        {
            logger.NotMember(permission, userId, organizationId);
            return Counted(WorkOSCheckDecision.NotMember);
        }

        var check = await client.CheckAsync(membershipId, permission, resource, aborted).ConfigureAwait(false);
        switch (check.Failure)
        {
            case null when check.Value:
                logger.CheckAllowed(permission, resource, userId, organizationId);
                return Counted(WorkOSCheckDecision.Allowed);
            case null:
                logger.CheckDenied(permission, resource, userId, organizationId);
                return Counted(WorkOSCheckDecision.Denied);
            case { StatusCode: HttpStatusCode.NotFound }:
                // The resource is unknown, or the membership ended since it was cached: deny, and look it up afresh next time.
                await memberships.RemoveAsync(userId, organizationId).ConfigureAwait(false);
                logger.CheckNotFound(membershipId, resource);
                return Counted(WorkOSCheckDecision.NotFound);
            case { StatusCode: HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity } rejected:
                // A request WorkOS will never accept (often a malformed id taken from the URL): a definite no, not an outage.
                logger.CheckRejected(permission, resource, (int)rejected.StatusCode!, (rejected.Exception as WorkOSApiException)?.ErrorCode ?? "invalid_request");
                return Counted(WorkOSCheckDecision.Rejected);
            case var failure:
                logger.CheckUnavailable(permission, resource, failure.Error, failure.Exception);
                await RaiseFailedAsync(httpContext, permission, resource, userId, organizationId, failure.Error, failure.Exception).ConfigureAwait(false);
                return Counted(WorkOSCheckDecision.Unavailable);
        }
    }

    /// <summary>Counts a decision (a memoized repeat is not counted again).</summary>
    private WorkOSCheckDecision Counted(WorkOSCheckDecision decision)
    {
        metrics?.Check(decision.Reason);
        return decision;
    }

    // Not guarded, like the events of ASP.NET's own handlers: an exception the app's handler throws is the app's, and
    // reaches its exception handling (the outage itself was logged before the event was raised).
    private Task RaiseFailedAsync(HttpContext? httpContext, string permission, WorkOSResource resource, string userId, string organizationId,
        string error, Exception? exception) =>
        options.Value.CheckFailed(new WorkOSCheckFailedContext(httpContext, permission, resource, userId, organizationId, error, exception));
}
