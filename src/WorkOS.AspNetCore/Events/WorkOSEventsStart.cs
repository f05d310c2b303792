namespace WorkOS.AspNetCore.Events;

/// <summary>Where the events reader starts when no cursor is stored yet.</summary>
public enum WorkOSEventsStart
{
    /// <summary>At the app's start: events raised before it are not read.</summary>
    Now,

    /// <summary>At the oldest event WorkOS still keeps (30 days): the backlog is read first.</summary>
    Oldest,
}
