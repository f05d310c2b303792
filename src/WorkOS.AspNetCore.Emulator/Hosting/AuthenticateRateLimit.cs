namespace WorkOS.AspNetCore.Emulator.Hosting;

/// <summary>
/// WorkOS's rate limit on <c>POST /user_management/authenticate</c>: at most
/// <see cref="WorkOSEmulatorOptions.AuthenticateRateLimit"/> attempts per
/// <see cref="WorkOSEmulatorOptions.AuthenticateRateLimitWindow"/> for one email or one challenge (pending token or
/// authentication challenge), in a sliding window on the emulator's clock. The framework's rate limiters run on the
/// real clock, and tests move the emulator's, so this one counts on <see cref="TimeProvider"/>.
/// </summary>
internal sealed class AuthenticateRateLimit(WorkOSEmulatorOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _attempts = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts one attempt for <paramref name="key"/>; when the window is already full, counts nothing and returns how long
    /// until the oldest attempt leaves it.
    /// </summary>
    public TimeSpan? TryAcquire(string key)
    {
        var limit = options.AuthenticateRateLimit;
        if (limit <= 0)
        {
            return null;
        }

        var now = options.TimeProvider.GetUtcNow();
        var window = options.AuthenticateRateLimitWindow;
        lock (_gate)
        {
            if (!_attempts.TryGetValue(key, out var attempts))
            {
                _attempts[key] = attempts = new Queue<DateTimeOffset>();
            }

            while (attempts.Count > 0 && attempts.Peek() + window <= now)
            {
                attempts.Dequeue();
            }

            if (attempts.Count >= limit)
            {
                return attempts.Peek() + window - now;
            }

            attempts.Enqueue(now);
            return null;
        }
    }
}
