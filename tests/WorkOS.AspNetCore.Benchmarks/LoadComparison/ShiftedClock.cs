namespace WorkOS.AspNetCore.Benchmarks.LoadComparison;

/// <summary>The system clock moved forward on demand, shared by the app and the emulator so a session comes due for refresh without waiting.</summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
