using WorkOS.AspNetCore.Threading;

namespace WorkOS.AspNetCore.Tests.Threading;

/// <summary>One run per key at a time, whatever its callers do.</summary>
public sealed class SingleFlightTests
{
    private readonly SingleFlight<string, int> _flights = new(StringComparer.Ordinal);

    [Fact]
    public async Task Concurrent_callers_of_one_key_share_one_run_and_its_result()
    {
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;

        var callers = Enumerable.Range(0, 10)
            .Select(_ => _flights.RunAsync("session", (_, gate) => { Interlocked.Increment(ref runs); return gate.Task; }, release))
            .ToList();
        release.SetResult(42);

        Assert.All(await Task.WhenAll(callers), result => Assert.Equal(42, result));
        Assert.Equal(1, runs);
        Assert.Equal(0, _flights.Count);
    }

    [Fact]
    public async Task Different_keys_run_apart()
    {
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = _flights.RunAsync("a", (_, gate) => gate.Task, release);
        var second = _flights.RunAsync("b", (_, _) => Task.FromResult(2), 0);

        Assert.Equal(2, await second); // not held up by the run of "a"
        Assert.False(first.IsCompleted);
        release.SetResult(1);
        Assert.Equal(1, await first);
    }

    [Fact]
    public async Task A_failed_run_is_shared_by_its_callers_then_forgotten_so_the_next_call_runs_again()
    {
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        Func<string, TaskCompletionSource<int>, Task<int>> work = (_, gate) => { Interlocked.Increment(ref runs); return gate.Task; };

        var first = _flights.RunAsync("session", work, release);
        var second = _flights.RunAsync("session", work, release);
        release.SetException(new HttpRequestException("WorkOS unreachable"));

        await Assert.ThrowsAsync<HttpRequestException>(() => first);
        await Assert.ThrowsAsync<HttpRequestException>(() => second);
        Assert.Equal(0, _flights.Count);

        var retried = await _flights.RunAsync("session", (_, _) => { Interlocked.Increment(ref runs); return Task.FromResult(7); }, 0);

        Assert.Equal(7, retried);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task A_cancelled_run_is_forgotten_so_the_next_call_runs_again()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _flights.RunAsync("session", (_, token) => Task.FromCanceled<int>(token), cancelled.Token, CancellationToken.None));

        Assert.Equal(0, _flights.Count);
        Assert.Equal(3, await _flights.RunAsync("session", (_, _) => Task.FromResult(3), 0));
    }

    [Fact]
    public async Task A_caller_that_gives_up_stops_waiting_but_the_others_still_get_the_result()
    {
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var workCancelled = false;
        using var leaving = new CancellationTokenSource();
        Func<string, TaskCompletionSource<int>, Task<int>> work = async (_, gate) =>
        {
            try
            {
                return await gate.Task;
            }
            catch (OperationCanceledException)
            {
                workCancelled = true;
                throw;
            }
        };

        var leaver = _flights.RunAsync("session", work, release, leaving.Token);
        var stayer = _flights.RunAsync("session", work, release);
        await leaving.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaver);
        Assert.False(stayer.IsCompleted);
        Assert.Equal(1, _flights.Count); // the run goes on

        release.SetResult(5);
        Assert.Equal(5, await stayer);
        Assert.False(workCancelled);
    }

    [Fact]
    public async Task A_run_that_throws_before_its_first_await_reaches_the_caller_as_a_failed_task()
    {
        var call = _flights.RunAsync<int>("session", (_, _) => throw new InvalidOperationException("bug"), 0);

        await Assert.ThrowsAsync<InvalidOperationException>(() => call);
        Assert.Equal(0, _flights.Count);
    }
}
