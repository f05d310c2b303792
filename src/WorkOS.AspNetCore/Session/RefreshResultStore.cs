using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Api;

namespace WorkOS.AspNetCore.Session;

/// <summary>What the store knows about a refresh token.</summary>
internal enum ReplayKind
{
    /// <summary>Nothing: the token has not been spent here (or so long ago that it is forgotten).</summary>
    None,

    /// <summary>Spent moments ago; the session that replaced it may be handed to the request.</summary>
    Replay,

    /// <summary>Spent, but its replacement may no longer be handed out; the token must not be spent again either.</summary>
    Stale,
}

/// <summary>The answer of <see cref="RefreshResultStore.GetAsync"/>.</summary>
internal readonly record struct ReplayLookup(ReplayKind Kind, WorkOSAuthenticationResponse? Response = null, JsonWebToken? Token = null);

/// <summary>
/// Recent refresh results, keyed by a hash of the refresh token they spent, sealed with DataProtection. A request
/// that still carries a just-spent refresh token gets the session that replaced it, but only within the replay
/// window, only while that session's access token is valid, and only one rotation back: once the replacement has
/// itself been spent, the entry is stale. Private memory for the in-process coordinator; the app's
/// <see cref="IDistributedCache"/> for the distributed one, so instances sharing a key ring share results.
/// </summary>
internal sealed class RefreshResultStore
{
    /// <summary>How long a spent refresh token is remembered as spent, so a late request does not spend it again.</summary>
    internal static readonly TimeSpan SpentMemory = TimeSpan.FromMinutes(10);

    /// <summary>The start of the keys of a store made without a prefix of its own.</summary>
    internal const string DefaultKeyPrefix = "workos:";

    private readonly string _resultPrefix;
    private readonly string _lockPrefix;
    private const int HeaderLength = 16;
    private readonly IDistributedCache _cache;
    private readonly IDataProtector _protector;
    private readonly TimeProvider _timeProvider;

    /// <summary>How long a claim writer waits before reading its marker back, so a racing writer's marker lands first.</summary>
    private static readonly TimeSpan ClaimSettle = TimeSpan.FromMilliseconds(20);

    public RefreshResultStore(IDataProtectionProvider dataProtection, TimeProvider timeProvider, IDistributedCache? sharedCache = null,
        string keyPrefix = DefaultKeyPrefix)
    {
        _resultPrefix = keyPrefix + "refresh:";
        _lockPrefix = keyPrefix + "refresh-lock:";
        _cache = sharedCache ?? new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        _protector = dataProtection.CreateProtector("WorkOS.AspNetCore.RefreshResult", "v2");
        _timeProvider = timeProvider;
    }

    public static string Key(string refreshToken) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));

    /// <summary>
    /// Keeps <paramref name="response"/> as the session that replaced the refresh token with this key; it may be
    /// handed out for <paramref name="window"/> (and never after its access token expires).
    /// </summary>
    public Task SetAsync(string key, WorkOSAuthenticationResponse response, TimeSpan window) =>
        WriteAsync(key, JsonSerializer.SerializeToUtf8Bytes(response, WorkOSJsonContext.Default.WorkOSAuthenticationResponse), window);

    /// <summary>Marks the refresh token with this key as spent, with nothing to hand out (its replacement is not trusted).</summary>
    public Task SetSpentAsync(string key) => WriteAsync(key, [], TimeSpan.Zero);

    private async Task WriteAsync(string key, byte[] json, TimeSpan window)
    {
        var now = _timeProvider.GetUtcNow();
        var keep = window > SpentMemory ? window : SpentMemory;
        var entry = new byte[HeaderLength + json.Length];
        BinaryPrimitives.WriteInt64LittleEndian(entry, (now + window).ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt64LittleEndian(entry.AsSpan(8), (now + keep).ToUnixTimeMilliseconds());
        json.CopyTo(entry, HeaderLength);
        await _cache.SetAsync(_resultPrefix + key, _protector.Protect(entry),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = keep }).ConfigureAwait(false);
    }

    /// <summary>What is known about the refresh token with this key: its replacement, if it may be handed out.</summary>
    public async Task<ReplayLookup> GetAsync(string key)
    {
        if (await ReadAsync(key).ConfigureAwait(false) is not { } entry)
        {
            return default;
        }

        var now = _timeProvider.GetUtcNow();
        if (entry.Response is not { } response || now >= entry.ReplayUntil)
        {
            return new ReplayLookup(ReplayKind.Stale);
        }

        JsonWebToken token;
        try
        {
            token = new JsonWebToken(response.AccessToken);
        }
        catch (ArgumentException)
        {
            return new ReplayLookup(ReplayKind.Stale);
        }

        // Never an expired access token; never two rotations back (the replacement has itself been spent).
        if (now.UtcDateTime >= token.ValidTo || await ReadAsync(Key(response.RefreshToken)).ConfigureAwait(false) is not null)
        {
            return new ReplayLookup(ReplayKind.Stale);
        }

        return new ReplayLookup(ReplayKind.Replay, response, token);
    }

    private async Task<(DateTimeOffset ReplayUntil, WorkOSAuthenticationResponse? Response)?> ReadAsync(string key)
    {
        var protectedEntry = await _cache.GetAsync(_resultPrefix + key).ConfigureAwait(false);
        if (protectedEntry is null)
        {
            return null;
        }

        try
        {
            var entry = _protector.Unprotect(protectedEntry);
            if (entry.Length < HeaderLength
                || DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(entry.AsSpan(8))) <= _timeProvider.GetUtcNow())
            {
                return null;
            }

            var replayUntil = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(entry));
            var response = entry.Length == HeaderLength
                ? null
                : JsonSerializer.Deserialize(entry.AsSpan(HeaderLength), WorkOSJsonContext.Default.WorkOSAuthenticationResponse);
            return (replayUntil, response);
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or ArgumentOutOfRangeException)
        {
            return null; // written with another key ring, or not ours
        }
    }

    /// <summary>
    /// Claims the right to spend a refresh token across instances: write a marker, wait a moment, read it back.
    /// A cache without compare-and-set cannot make this perfect; a loser that still spends the token gets WorkOS's
    /// replay answer or <c>invalid_grant</c>, and then finds the winner's result here.
    /// </summary>
    public async Task<bool> TryClaimAsync(string key, TimeSpan hold, CancellationToken cancellationToken)
    {
        var marker = Guid.NewGuid().ToByteArray();
        var existing = await _cache.GetAsync(_lockPrefix + key, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return false;
        }

        await _cache.SetAsync(_lockPrefix + key, marker, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = hold }, cancellationToken)
            .ConfigureAwait(false);
        await Task.Delay(ClaimSettle, _timeProvider, cancellationToken).ConfigureAwait(false);
        var readBack = await _cache.GetAsync(_lockPrefix + key, cancellationToken).ConfigureAwait(false);
        return readBack is not null && readBack.AsSpan().SequenceEqual(marker);
    }

    /// <summary>Gives up a claim taken by <see cref="TryClaimAsync"/>, so another instance may spend the token at once.</summary>
    public Task ReleaseClaimAsync(string key) => _cache.RemoveAsync(_lockPrefix + key);
}
