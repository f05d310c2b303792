namespace WorkOS.AspNetCore.Session;

/// <summary>
/// Registered by <c>AddWorkOSDistributedSessionCoordination()</c>: refresh results, refresh claims and the
/// revoked-session list go through the app's distributed cache. Without it everything stays in this instance's memory,
/// whatever caches the app registers for itself.
/// </summary>
internal sealed class SessionCoordination;
