using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace WorkOS.AspNetCore.Fga;

/// <summary>
/// The responses of a refused check, shared by the endpoint filter and the MVC filter: the challenge for an
/// anonymous user, 403 or 503 with a ProblemDetails body whose <c>reason</c> says why.
/// </summary>
internal static class WorkOSCheckResults
{
    public static IResult ToResult(WorkOSCheckDecision decision) => decision.Outcome switch
    {
        WorkOSCheckOutcome.NotSignedIn => TypedResults.Challenge(),
        WorkOSCheckOutcome.Unavailable => Problem(StatusCodes.Status503ServiceUnavailable, "Authorization unavailable", decision),
        _ => Problem(StatusCodes.Status403Forbidden, "Forbidden", decision),
    };

    private static ProblemHttpResult Problem(int status, string title, WorkOSCheckDecision decision) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = decision.Message,
            Extensions = { ["reason"] = decision.Reason },
        });
}

/// <summary>Runs an <see cref="IResult"/> as an MVC action result.</summary>
internal sealed class HttpResultActionResult(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
