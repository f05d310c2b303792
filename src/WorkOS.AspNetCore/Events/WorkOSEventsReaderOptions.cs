namespace WorkOS.AspNetCore.Events;

/// <summary>
/// Settings of the WorkOS Events API reader (<c>AddWorkOSEventsReader</c>), which polls <c>GET /events</c> and gives each
/// event to the same handlers as the webhook endpoint. Bound from the <c>WorkOS:Events</c> configuration section.
/// </summary>
public sealed class WorkOSEventsReaderOptions
{
    /// <summary>The event types to read, such as <c>session.revoked</c> or <c>dsync.user.deleted</c>. At least one is required.</summary>
    public IList<string> Events { get; } = [];

    /// <summary>The wait between polls once every page has been read. Default 30 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many events one request asks for, from 1 to 100 (WorkOS's maximum, the default).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>
    /// Where reading starts when no cursor is stored yet: <see cref="WorkOSEventsStart.Now"/> (the default) or
    /// <see cref="WorkOSEventsStart.Oldest"/>. Once a cursor is stored, reading continues from it.
    /// </summary>
    public WorkOSEventsStart StartFrom { get; set; } = WorkOSEventsStart.Now;
}
