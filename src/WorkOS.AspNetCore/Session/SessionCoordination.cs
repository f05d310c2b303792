namespace WorkOS.AspNetCore.Session;

/// <summary>
/// Registered by <c>AddWorkOSDistributedSessionCoordination()</c> (with the distributed
/// <see cref="ISessionRefreshCoordinator"/>): the revoked-session list goes through the app's distributed cache.
/// Without it everything stays in this instance's memory, whatever caches the app registers for itself.
/// </summary>
internal sealed class SessionCoordination;
