using System.Diagnostics.Metrics;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.StackExchangeRedis.Tests;

/// <summary>The memory that holds server-side sessions signed in while Redis is away is bounded, and a sign-in never fails on it.</summary>
public sealed class HeldSessionLimitTests
{
    [Fact]
    public async Task Past_the_limit_of_held_sessions_a_new_sign_in_is_held_and_the_one_expiring_first_is_dropped_with_a_log_line()
    {
        var clock = TestClock.StartingNow();
        var logs = new TestLogSink();
        using var services = new ServiceCollection().AddMetrics().AddLogging(b => b.AddProvider(logs)).BuildServiceProvider();
        var availability = new RedisAvailability(services.GetRequiredService<IMeterFactory>(), services.GetRequiredService<ILogger<RedisAvailability>>());
        var store = new RedisTicketStore(new RedisAwayStore(), availability, clock, services.GetRequiredService<ILogger<RedisTicketStore>>(), maxHeld: 2);

        var soonest = await store.StoreAsync(Ticket("user_a", clock.GetUtcNow().AddMinutes(5)));
        var later = await store.StoreAsync(Ticket("user_b", clock.GetUtcNow().AddMinutes(50)));
        var newest = await store.StoreAsync(Ticket("user_c", clock.GetUtcNow().AddMinutes(30))); // past the limit: no exception

        Assert.Equal("user_c", (await store.RetrieveAsync(newest))?.Principal.FindFirstValue("sub"));
        Assert.Equal("user_b", (await store.RetrieveAsync(later))?.Principal.FindFirstValue("sub"));
        Assert.Null(await store.RetrieveAsync(soonest)); // dropped: anonymous (Redis cannot be read either), never a 500
        Assert.Equal(2, store.Held);
        Assert.Contains(logs.Entries, e => e.EventId.Id == 2111 && e.Level == LogLevel.Warning);
    }

    private static AuthenticationTicket Ticket(string userId, DateTimeOffset expires) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", userId)], "test")),
            new AuthenticationProperties { ExpiresUtc = expires }, CookieAuthenticationDefaults.AuthenticationScheme);

    /// <summary>A session store whose Redis is away: every call fails as StackExchange.Redis fails on a refused connection.</summary>
    private sealed class RedisAwayStore : ITicketStore
    {
        private static RedisConnectionException Away() => new(ConnectionFailureType.UnableToConnect, "Redis is away");

        public Task<string> StoreAsync(AuthenticationTicket ticket) => throw Away();

        public Task RenewAsync(string key, AuthenticationTicket ticket) => throw Away();

        public Task<AuthenticationTicket?> RetrieveAsync(string key) => throw Away();

        public Task RemoveAsync(string key) => throw Away();
    }
}
