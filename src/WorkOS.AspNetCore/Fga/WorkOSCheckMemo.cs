using System.Collections.Concurrent;

namespace WorkOS.AspNetCore.Fga;

/// <summary>The fine-grained checks of one request, as a request feature: identical checks share one answer.</summary>
internal sealed class WorkOSCheckMemo
{
    public ConcurrentDictionary<Key, Task<WorkOSCheckDecision>> Checks { get; } = new();

    internal readonly record struct Key(string UserId, string OrganizationId, string Permission, WorkOSResource Resource);
}
