namespace WorkOS.AspNetCore.Tests.Infrastructure;

/// <summary>A clock the test moves by hand; timers are not needed by the code under test.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    /// <summary>Starts at the real time (cookie jars expire cookies by the real clock), to the second.</summary>
    public ManualTimeProvider() : this(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()))
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
