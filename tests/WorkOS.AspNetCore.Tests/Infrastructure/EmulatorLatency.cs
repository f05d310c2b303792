using Microsoft.Extensions.Time.Testing;

namespace WorkOS.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A slow WorkOS on the test clock: the emulator's injected latency waits on the emulator's clock, so a request it
/// holds is answered when the test advances that clock past the latency, not after real time.
/// </summary>
public static class EmulatorLatency
{
    /// <summary>
    /// Awaits <paramref name="pending"/>, answering each request the emulator holds on <paramref name="method"/>
    /// <paramref name="path"/> as it arrives: once a request is held, <paramref name="clock"/> moves past the latency.
    /// </summary>
    public static async Task<T> ReleasingLatencyAsync<T>(this WorkOSEmulator emulator, FakeTimeProvider clock, TimeSpan latency,
        string method, string path, Task<T> pending)
    {
        for (var held = 1; ; held++)
        {
            var next = emulator.WaitForDelayedRequestsAsync(method, path, held);
            if (await Task.WhenAny(pending, next) == pending)
            {
                return await pending;
            }

            clock.Advance(latency);
        }
    }

    /// <summary>Waits until the emulator holds a request on <paramref name="method"/> <paramref name="path"/>, then moves <paramref name="clock"/> by <paramref name="by"/>.</summary>
    public static async Task AdvanceWhileHeldAsync(this WorkOSEmulator emulator, FakeTimeProvider clock, TimeSpan by, string method, string path)
    {
        await emulator.WaitForDelayedRequestsAsync(method, path);
        clock.Advance(by);
    }
}
