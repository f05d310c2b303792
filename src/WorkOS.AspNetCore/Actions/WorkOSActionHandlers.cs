using Microsoft.AspNetCore.Http;

namespace WorkOS.AspNetCore.Actions;

/// <summary>
/// The app's answers to AuthKit Actions, given to <c>MapWorkOSActions</c>: one handler per action kind. A handler gets the
/// verified, typed context and the request's <see cref="HttpContext"/> (for services, and
/// <see cref="HttpContext.RequestAborted"/>, which is cancelled at <see cref="WorkOSActionOptions.HandlerTimeout"/>).
/// </summary>
public sealed class WorkOSActionHandlers
{
    internal WorkOSActionHandlers()
    {
    }

    internal Func<WorkOSAuthenticationActionContext, HttpContext, ValueTask<WorkOSActionVerdict>>? Authentication { get; private set; }

    internal Func<WorkOSUserRegistrationActionContext, HttpContext, ValueTask<WorkOSActionVerdict>>? UserRegistration { get; private set; }

    /// <summary>Answers authentication actions (run after the user signed in, before AuthKit sends them back to the app).</summary>
    /// <exception cref="InvalidOperationException">An authentication handler is already set.</exception>
    public WorkOSActionHandlers OnAuthentication(Func<WorkOSAuthenticationActionContext, HttpContext, ValueTask<WorkOSActionVerdict>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (Authentication is not null)
        {
            throw new InvalidOperationException("An authentication action handler is already set for this endpoint.");
        }

        Authentication = handler;
        return this;
    }

    /// <summary>Answers authentication actions with a handler that decides without waiting.</summary>
    /// <exception cref="InvalidOperationException">An authentication handler is already set.</exception>
    public WorkOSActionHandlers OnAuthentication(Func<WorkOSAuthenticationActionContext, HttpContext, WorkOSActionVerdict> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return OnAuthentication((action, context) => ValueTask.FromResult(handler(action, context)));
    }

    /// <summary>Answers user registration actions (run when someone signs up, before WorkOS creates the user).</summary>
    /// <exception cref="InvalidOperationException">A user registration handler is already set.</exception>
    public WorkOSActionHandlers OnUserRegistration(Func<WorkOSUserRegistrationActionContext, HttpContext, ValueTask<WorkOSActionVerdict>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (UserRegistration is not null)
        {
            throw new InvalidOperationException("A user registration action handler is already set for this endpoint.");
        }

        UserRegistration = handler;
        return this;
    }

    /// <summary>Answers user registration actions with a handler that decides without waiting.</summary>
    /// <exception cref="InvalidOperationException">A user registration handler is already set.</exception>
    public WorkOSActionHandlers OnUserRegistration(Func<WorkOSUserRegistrationActionContext, HttpContext, WorkOSActionVerdict> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return OnUserRegistration((action, context) => ValueTask.FromResult(handler(action, context)));
    }
}
