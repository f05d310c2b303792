using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Fga;

namespace WorkOS.AspNetCore.Authorization;

/// <summary>
/// Handles the WorkOS requirements that need services: recent authentication (the clock) and fine-grained checks
/// (WorkOS). One handler, so policies that use neither pay a single loop.
/// </summary>
internal sealed class WorkOSAuthorizationHandler(TimeProvider time, IHttpContextAccessor httpContextAccessor, WorkOSCheckEvaluator evaluator)
    : IAuthorizationHandler
{
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        List<WorkOSCheckRequirement>? checks = null;
        foreach (var requirement in context.Requirements)
        {
            switch (requirement)
            {
                case WorkOSRecentAuthenticationRequirement recent when recent.IsSatisfiedBy(context.User, time.GetUtcNow()):
                    context.Succeed(recent);
                    break;
                case WorkOSCheckRequirement check:
                    (checks ??= []).Add(check);
                    break;
            }
        }

        if (checks is null)
        {
            return;
        }

        var resource = context.Resource as WorkOSResource;
        var httpContext = context.Resource as HttpContext ?? httpContextAccessor.HttpContext;
        foreach (var check in checks)
        {
            var decision = await evaluator.EvaluateAsync(httpContext, context.User, check.Permission, resource).ConfigureAwait(false);
            if (decision.Outcome == WorkOSCheckOutcome.Allowed)
            {
                context.Succeed(check);
            }
            else
            {
                context.Fail(new WorkOSCheckFailureReason(this, decision.Outcome, decision.Reason, decision.Message));
            }
        }
    }
}
