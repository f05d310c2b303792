namespace WorkOS.AspNetCore.Events;

/// <summary>
/// Keeps the events reader's cursor: the id of the last event it queued for the handlers. The default keeps it in the
/// app's <c>IDistributedCache</c> (in memory unless the app registered a shared one, such as Redis); register your own
/// implementation to keep it elsewhere, such as the app's database.
/// </summary>
public interface IWorkOSEventCursorStore
{
    /// <summary>The cursor stored under <paramref name="key"/>, or <see langword="null"/> when none is.</summary>
    Task<string?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="cursor"/> under <paramref name="key"/>, replacing the previous one.</summary>
    Task SetAsync(string key, string cursor, CancellationToken cancellationToken);
}
