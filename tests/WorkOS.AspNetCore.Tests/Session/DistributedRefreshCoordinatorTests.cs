using System.Threading.Channels;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>
/// Two instances sharing a distributed cache and a key ring: the one holding the claim on a refresh token spends it,
/// the other waits for its result on the app's clock. Every wait here runs on a <see cref="FakeTimeProvider"/>.
/// </summary>
public sealed class DistributedRefreshCoordinatorTests
{
    private const string TokenKey = "6B86B273FF34FCE19D6B804EFF5A3F5747ADA4EAA22F1D49C01E52DDB7875B4B";
    private readonly IDistributedCache _cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
    private readonly IDataProtectionProvider _keyRing = new EphemeralDataProtectionProvider();
    private readonly WatchedClock _clock = new(new FakeTimeProvider(DateTimeOffset.UtcNow));

    private DistributedSessionRefreshCoordinator Instance() =>
        new(new RefreshResultStore(_keyRing, _clock, _cache), _clock, NullLogger<DistributedSessionRefreshCoordinator>.Instance);

    /// <summary>The first instance claims the token and is left spending it until <paramref name="answer"/> completes.</summary>
    private async Task<Task<SessionRefreshResult>> HolderSpendingAsync(DistributedSessionRefreshCoordinator holder, Task<SessionRefreshResult> answer)
    {
        var spending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var refresh = holder.RefreshAsync(TokenKey, () =>
        {
            spending.SetResult();
            return answer;
        });
        _clock.Advance(await NextTimerAsync(spending.Task)); // the claim settles on the clock
        await spending.Task;
        return refresh;
    }

    [Fact]
    public async Task An_instance_waiting_for_another_ones_refresh_gives_up_when_the_clock_passes_the_wait_limit_and_refreshes_itself()
    {
        var holderAnswer = new TaskCompletionSource<SessionRefreshResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = await HolderSpendingAsync(Instance(), holderAnswer.Task);
        var own = SessionRefreshResult.Replaced(Session("rt_waiter"));
        var waiterRefreshed = 0;

        var waiting = Instance().RefreshAsync(TokenKey, () =>
        {
            Interlocked.Increment(ref waiterRefreshed);
            return Task.FromResult(own);
        });
        var waited = TimeSpan.Zero;
        while (waited < DistributedSessionRefreshCoordinator.WaitLimit)
        {
            var due = await NextTimerAsync(waiting); // still waiting: only the clock ends the wait
            _clock.Advance(due);
            waited += due;
        }

        Assert.Same(own, await waiting);
        Assert.Equal(1, waiterRefreshed);
        Assert.Equal(DistributedSessionRefreshCoordinator.WaitLimit, waited);
        holderAnswer.SetResult(SessionRefreshResult.Spent);
        await holding;
    }

    [Fact]
    public async Task An_instance_waiting_for_another_ones_refresh_takes_the_session_it_keeps_at_the_next_poll_and_spends_nothing()
    {
        var holder = Instance();
        var holderAnswer = new TaskCompletionSource<SessionRefreshResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = await HolderSpendingAsync(holder, holderAnswer.Task);
        var waiterRefreshed = false;

        var waiting = Instance().RefreshAsync(TokenKey, () =>
        {
            waiterRefreshed = true;
            return Task.FromResult(SessionRefreshResult.Spent);
        });
        Assert.Equal(DistributedSessionRefreshCoordinator.PollInterval, await NextTimerAsync(waiting)); // found nothing yet
        var session = Session("rt_new");
        await holder.KeepAsync(TokenKey, SessionRefreshResult.Replaced(session), TimeSpan.FromSeconds(30));
        holderAnswer.SetResult(SessionRefreshResult.Replaced(session));
        await holding;
        Assert.False(waiting.IsCompleted); // the waiter reads again only when the clock says so
        _clock.Advance(DistributedSessionRefreshCoordinator.PollInterval);

        var result = await waiting;

        Assert.Equal("rt_new", result.Response?.RefreshToken);
        Assert.False(waiterRefreshed);
    }

    [Fact]
    public async Task After_invalid_grant_an_instance_waits_on_the_clock_for_another_ones_replacement_and_gets_none_at_the_wait_limit()
    {
        var coordinator = Instance();
        var waiting = coordinator.WaitForReplacementAsync(TokenKey).AsTask();
        var waited = TimeSpan.Zero;
        while (waited < DistributedSessionRefreshCoordinator.WaitLimit)
        {
            var due = await NextTimerAsync(waiting);
            _clock.Advance(due);
            waited += due;
        }

        Assert.Null(await waiting);
    }

    /// <summary>The due time of the next timer, which must start before <paramref name="mustStillWait"/> ends.</summary>
    private async Task<TimeSpan> NextTimerAsync(Task mustStillWait)
    {
        var timer = _clock.NextTimerAsync().AsTask();
        Assert.Same(timer, await Task.WhenAny(timer, mustStillWait)); // otherwise it stopped waiting without the clock
        return await timer;
    }

    /// <summary>A session WorkOS could have answered a refresh with: an access token valid for five minutes.</summary>
    private WorkOSAuthenticationResponse Session(string refreshToken) => new()
    {
        AccessToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", "user_alice")]),
            IssuedAt = _clock.GetUtcNow().UtcDateTime,
            NotBefore = _clock.GetUtcNow().UtcDateTime,
            Expires = _clock.GetUtcNow().UtcDateTime.AddMinutes(5),
        }),
        RefreshToken = refreshToken,
        User = new WorkOSUser { Id = "user_alice", Email = "alice@acme.com" },
    };

    /// <summary>A fake clock that reports each timer the code under test starts, so the test moves time only once it waits.</summary>
    private sealed class WatchedClock(FakeTimeProvider inner) : TimeProvider
    {
        private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp() => inner.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = inner.CreateTimer(callback, state, dueTime, period);
            _timers.Writer.TryWrite(dueTime);
            return timer;
        }

        /// <summary>The due time of the next timer started.</summary>
        public ValueTask<TimeSpan> NextTimerAsync() => _timers.Reader.ReadAsync();

        public void Advance(TimeSpan by) => inner.Advance(by);
    }
}
