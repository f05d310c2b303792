namespace WorkOS.AspNetCore.Fga;

/// <summary>
/// What fine-grained checks read of <c>WorkOSAuthorizationOptions</c>, copied from them by the authorization
/// registration. The checks depend on no authorization type: authorization (its handler, events and options) builds
/// on the checks, never the reverse.
/// </summary>
internal sealed class FgaOptions
{
    /// <summary>How long one WorkOS call of a check may take.</summary>
    public TimeSpan CheckTimeout { get; set; }

    /// <summary>How long a membership lookup is remembered.</summary>
    public TimeSpan MembershipCacheDuration { get; set; }

    /// <summary>Raises <c>OnCheckFailed</c> of the app's authorization events.</summary>
    public Func<WorkOSCheckFailedContext, Task> CheckFailed { get; set; } = _ => Task.CompletedTask;
}
