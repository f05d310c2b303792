using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Authorization;
using WorkOS.AspNetCore.Claims;

namespace WorkOS.AspNetCore.Fga;

/// <summary>
/// Decides fine-grained checks for the endpoint filter, the MVC filter and the authorization handler: who is
/// asking (signed in, organization, membership), then WorkOS's check. Identical checks in one request share one
/// answer. Every failure denies: WorkOS errors and timeouts with <see cref="WorkOSCheckOutcome.Unavailable"/> (503).
/// </summary>
internal sealed class WorkOSCheckEvaluator(WorkOSFgaClient client, MembershipCache memberships, IOptions<WorkOSAuthorizationOptions> options,
    TimeProvider time, ILogger<WorkOSCheckEvaluator> logger)
{
    private static readonly object MemoKey = new();

    public Task<WorkOSCheckDecision> EvaluateAsync(HttpContext? httpContext, ClaimsPrincipal? user, string permission, WorkOSResource? resource)
    {
        if (user is null || !user.Identities.Any(i => i.IsAuthenticated))
        {
            return Task.FromResult(WorkOSCheckDecision.NotSignedIn);
        }

        // The user and organization come from one authenticated identity, never from an unauthenticated one beside it.
        var identity = user.Identities.FirstOrDefault(i => i.IsAuthenticated && i.HasClaim(c => c.Type == WorkOSClaimTypes.UserId));
        var userId = identity?.FindFirst(WorkOSClaimTypes.UserId)?.Value;
        var organizationId = identity?.FindFirst(WorkOSClaimTypes.OrganizationId)?.Value;
        if (string.IsNullOrEmpty(userId))
        {
            logger.NotMember(permission, userId, organizationId);
            return Task.FromResult(WorkOSCheckDecision.NotMember);
        }

        if (string.IsNullOrEmpty(organizationId))
        {
            logger.NoOrganization(permission, userId);
            return Task.FromResult(WorkOSCheckDecision.NoOrganization);
        }

        if (resource is null)
        {
            logger.NoResource(permission);
            return Task.FromResult(WorkOSCheckDecision.NoResource);
        }

        if (httpContext is null)
        {
            return CheckAsync(null, userId, organizationId, permission, resource);
        }

        var key = new MemoKeyValue(userId, organizationId, permission, resource);
        lock (httpContext.Items)
        {
            var memo = Memo(httpContext);
            if (memo.TryGetValue(key, out var remembered))
            {
                logger.CheckMemoized(permission, resource);
                return remembered;
            }

            var check = CheckAsync(httpContext, userId, organizationId, permission, resource);
            memo[key] = check;
            return check;
        }
    }

    private async Task<WorkOSCheckDecision> CheckAsync(HttpContext? httpContext, string userId, string organizationId, string permission,
        WorkOSResource resource)
    {
        var aborted = httpContext?.RequestAborted ?? CancellationToken.None;
        if (!client.IsConfigured)
        {
            logger.ApiKeyMissing(client.Scheme);
            await RaiseFailedAsync(httpContext, permission, resource, userId, organizationId, "not_configured", null).ConfigureAwait(false);
            return WorkOSCheckDecision.Unavailable;
        }

        if (!memberships.TryGet(userId, organizationId, out var membershipId))
        {
            try
            {
                membershipId = await WithTimeoutAsync(ct => client.FindActiveMembershipIdAsync(userId, organizationId, ct), aborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (!IsAbort(ex, aborted))
            {
                var error = ErrorCode(ex);
                logger.MembershipLookupFailed(userId, organizationId, error, ex);
                await RaiseFailedAsync(httpContext, permission, resource, userId, organizationId, error, ex).ConfigureAwait(false);
                return WorkOSCheckDecision.Unavailable;
            }

            memberships.Set(userId, organizationId, membershipId);
        }

        if (membershipId is null)
        {
            logger.NotMember(permission, userId, organizationId);
            return WorkOSCheckDecision.NotMember;
        }

        bool authorized;
        try
        {
            authorized = await WithTimeoutAsync(ct => client.CheckAsync(membershipId, permission, resource, ct), aborted).ConfigureAwait(false);
        }
        catch (WorkOSApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // The resource is unknown, or the membership ended since it was cached: deny, and look it up afresh next time.
            memberships.Remove(userId, organizationId);
            logger.CheckNotFound(membershipId, resource);
            return WorkOSCheckDecision.NotFound;
        }
        catch (WorkOSApiException ex) when (ex.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
        {
            // A request WorkOS will never accept (often a malformed id taken from the URL): a definite no, not an outage.
            logger.CheckRejected(permission, resource, (int)ex.StatusCode!, ex.ErrorCode ?? "invalid_request");
            return WorkOSCheckDecision.Rejected;
        }
        catch (Exception ex) when (!IsAbort(ex, aborted))
        {
            var error = ErrorCode(ex);
            logger.CheckUnavailable(permission, resource, error, ex);
            await RaiseFailedAsync(httpContext, permission, resource, userId, organizationId, error, ex).ConfigureAwait(false);
            return WorkOSCheckDecision.Unavailable;
        }

        if (authorized)
        {
            logger.CheckAllowed(permission, resource, userId, organizationId);
            return WorkOSCheckDecision.Allowed;
        }

        logger.CheckDenied(permission, resource, userId, organizationId);
        return WorkOSCheckDecision.Denied;
    }

    private async Task<T> WithTimeoutAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken aborted)
    {
        using var timeout = new CancellationTokenSource(options.Value.CheckTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, timeout.Token);
        try
        {
            return await call(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            throw new WorkOSApiException("WorkOS did not answer in time.", null, "timeout", ex);
        }
    }

    private async Task RaiseFailedAsync(HttpContext? httpContext, string permission, WorkOSResource resource, string userId, string organizationId,
        string error, Exception? exception)
    {
        try
        {
            await options.Value.Events.CheckFailed(new WorkOSCheckFailedContext(httpContext, permission, resource, userId, organizationId, error, exception))
                .ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.EventHandlerFailed(ex);
        }
    }

    // Only the client going away ends a check with an exception; everything else is a decision.
    private static bool IsAbort(Exception exception, CancellationToken aborted) =>
        exception is OperationCanceledException && aborted.IsCancellationRequested;

    private static string ErrorCode(Exception exception) => exception switch
    {
        WorkOSApiException { StatusCode: { } status } => "http_" + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
        WorkOSApiException api => api.ErrorCode ?? "network_error",
        _ => exception.GetType().Name,
    };

    private static Dictionary<MemoKeyValue, Task<WorkOSCheckDecision>> Memo(HttpContext httpContext)
    {
        if (httpContext.Items.TryGetValue(MemoKey, out var value) && value is Dictionary<MemoKeyValue, Task<WorkOSCheckDecision>> memo)
        {
            return memo;
        }

        memo = [];
        httpContext.Items[MemoKey] = memo;
        return memo;
    }

    private readonly record struct MemoKeyValue(string UserId, string OrganizationId, string Permission, WorkOSResource Resource);
}
