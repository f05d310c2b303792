using WorkOS.AspNetCore.Fga;

namespace WorkOS.AspNetCore.Authorization;

/// <summary>
/// Events raised by WorkOS fine-grained checks. Assign a delegate or subclass and override a method. Handlers
/// observe: they cannot turn a failed check into an allowed one. As with the events of ASP.NET's own handlers, an
/// exception a handler throws is not caught: it reaches the app's exception handling instead of the 503.
/// </summary>
public class WorkOSAuthorizationEvents
{
    /// <summary>
    /// Invoked when a fine-grained check could not be decided (WorkOS answered with an error, timed out or could not
    /// be reached). The request is denied with 503 either way.
    /// </summary>
    public Func<WorkOSCheckFailedContext, Task> OnCheckFailed { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invoked when a fine-grained check could not be decided.</summary>
    /// <param name="context">What was checked and why it failed.</param>
    /// <returns>A task that completes when the handler is done.</returns>
    public virtual Task CheckFailed(WorkOSCheckFailedContext context) => OnCheckFailed(context);
}
