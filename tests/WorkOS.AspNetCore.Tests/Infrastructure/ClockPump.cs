using Microsoft.Extensions.Time.Testing;

namespace WorkOS.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Moves fake clocks on by 1 ms at a time, yielding between steps, until disposed: for tests about what several
/// instances decide between them, whose short waits (a claim settling, a poll) should simply pass. A step never
/// outruns real time, so no expiry, timeout or wait limit arrives sooner than it would on the system clock.
/// </summary>
public sealed class ClockPump : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public ClockPump(params FakeTimeProvider[] clocks)
    {
        _running = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                foreach (var clock in clocks)
                {
                    clock.Advance(TimeSpan.FromMilliseconds(1));
                }

                await Task.Delay(1).ConfigureAwait(false);
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
    }
}
