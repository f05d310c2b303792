namespace WorkOS.AspNetCore.Actions;

/// <summary>
/// Settings of the AuthKit Actions endpoint (<c>MapWorkOSActions</c>). Bound from the <c>WorkOS:Actions</c> configuration
/// section; <c>WORKOS_ACTIONS_SECRET</c> adds one secret.
/// </summary>
public sealed class WorkOSActionOptions
{
    /// <summary>
    /// The Actions secrets a request may be signed with. Several are accepted at once, so a secret can be rotated: add the
    /// new one first in this list, switch it in the WorkOS dashboard, then remove the old one. Responses are signed with
    /// the first.
    /// </summary>
    public IList<string> Secrets { get; } = [];

    /// <summary>How far the request signature's timestamp may be from this app's clock, in either direction. Default 30 seconds, as in WorkOS's SDKs.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest request body read, in bytes; a larger one is answered 413 unread. Default 64 KiB.</summary>
    public long MaxBodySize { get; set; } = 64 * 1024;

    /// <summary>
    /// How long the app's handler may take. Past it the request is cancelled (<c>HttpContext.RequestAborted</c>) and answered
    /// 503, so WorkOS applies the endpoint's error handling (deny, by default). Default 5 seconds.
    /// </summary>
    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
