using System.Collections.Concurrent;
using StackExchange.Redis;

namespace WorkOS.AspNetCore.StackExchangeRedis;

/// <summary>
/// Wakes the requests of this instance that wait for another instance's refresh: one Redis channel
/// (<c>{prefix}refresh-done</c>) carries the key of each refresh token whose result was kept or whose claim was given
/// up. A waiter listens before it reads, so no announcement between its read and its wait is missed.
/// </summary>
internal sealed class RefreshSignals(RedisConnection connection)
{
    private readonly ConcurrentDictionary<Listener, string> _listeners = new();
    private readonly Lock _subscribing = new();
    private Task? _subscription;

    /// <summary>The channel the announcements travel on.</summary>
    public RedisChannel Channel { get; } = RedisChannel.Literal(connection.KeyPrefix + "refresh-done");

    /// <summary>Starts listening for announcements of <paramref name="key"/>, subscribing to the channel first if this instance is not yet.</summary>
    public async Task<Listener> ListenAsync(string key)
    {
        await SubscribeAsync().ConfigureAwait(false);
        var listener = new Listener(this);
        _listeners[listener] = key;
        return listener;
    }

    /// <summary>Announces to every instance that something is known of <paramref name="key"/>.</summary>
    public async Task AnnounceAsync(string key)
    {
        var redis = await connection.GetAsync().ConfigureAwait(false);
        await redis.GetSubscriber().PublishAsync(Channel, key).ConfigureAwait(false);
    }

    private Task SubscribeAsync()
    {
        lock (_subscribing)
        {
            if (_subscription is not { IsFaulted: false, IsCanceled: false })
            {
                _subscription = SubscribeCoreAsync(); // again after a failure: Redis may be back
            }

            return _subscription;
        }
    }

    private async Task SubscribeCoreAsync()
    {
        var redis = await connection.GetAsync().ConfigureAwait(false);
        // The connection subscribes again by itself after it reconnects.
        await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Signal(message.ToString())).ConfigureAwait(false);
    }

    private void Signal(string key)
    {
        foreach (var (listener, listensTo) in _listeners)
        {
            if (string.Equals(listensTo, key, StringComparison.Ordinal))
            {
                listener.Signal();
            }
        }
    }

    /// <summary>One waiter's ear on the channel, for one key.</summary>
    internal sealed class Listener(RefreshSignals owner) : IDisposable
    {
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>A task that completes at the next announcement; take it before reading what is known.</summary>
        public Task Next()
        {
            var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _next, next);
            return next.Task;
        }

        internal void Signal() => Volatile.Read(ref _next).TrySetResult();

        public void Dispose() => owner._listeners.TryRemove(this, out _);
    }
}
