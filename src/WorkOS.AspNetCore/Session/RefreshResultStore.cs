using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Api;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// Recent refresh results, keyed by a hash of the refresh token they spent, sealed with DataProtection. A request
/// that still carries a spent refresh token finds the session that replaced it here instead of spending it again.
/// Uses the app's <see cref="IDistributedCache"/> when one is registered, so instances sharing a key ring share
/// results; otherwise a private in-memory cache.
/// </summary>
internal sealed class RefreshResultStore
{
    private const string ResultPrefix = "workos:refresh:";
    private const string LockPrefix = "workos:refresh-lock:";
    private readonly IDistributedCache _cache;
    private readonly IDataProtector _protector;
    private readonly TimeProvider _timeProvider;

    public RefreshResultStore(IDataProtectionProvider dataProtection, TimeProvider timeProvider, IDistributedCache? sharedCache = null)
    {
        IsShared = sharedCache is not null;
        _cache = sharedCache ?? new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        _protector = dataProtection.CreateProtector("WorkOS.AspNetCore.RefreshResult", "v1");
        _timeProvider = timeProvider;
    }

    /// <summary>Whether results are shared with other instances (an app-registered distributed cache).</summary>
    public bool IsShared { get; }

    public static string Key(string refreshToken) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));

    /// <summary>Keeps <paramref name="response"/> as the session that replaced the refresh token with this key, for <paramref name="retention"/>.</summary>
    public async Task SetAsync(string key, WorkOSAuthenticationResponse response, TimeSpan retention)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(response, WorkOSJsonContext.Default.WorkOSAuthenticationResponse);
        var entry = new byte[8 + json.Length];
        BinaryPrimitives.WriteInt64LittleEndian(entry, (_timeProvider.GetUtcNow() + retention).ToUnixTimeMilliseconds());
        json.CopyTo(entry, 8);
        await _cache.SetAsync(ResultPrefix + key, _protector.Protect(entry),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = retention + TimeSpan.FromSeconds(30) }).ConfigureAwait(false);
    }

    /// <summary>
    /// The newest session that replaced the refresh token with this key, following a chain of refreshes
    /// (a very late request may hold a token two refreshes old), or <see langword="null"/>.
    /// </summary>
    public async Task<WorkOSAuthenticationResponse?> GetLatestAsync(string key)
    {
        WorkOSAuthenticationResponse? latest = null;
        for (var hop = 0; hop < 16; hop++)
        {
            var next = await GetAsync(key).ConfigureAwait(false);
            if (next is null)
            {
                break;
            }

            latest = next;
            key = Key(next.RefreshToken);
        }

        return latest;
    }

    private async Task<WorkOSAuthenticationResponse?> GetAsync(string key)
    {
        var protectedEntry = await _cache.GetAsync(ResultPrefix + key).ConfigureAwait(false);
        if (protectedEntry is null)
        {
            return null;
        }

        try
        {
            var entry = _protector.Unprotect(protectedEntry);
            var keepUntil = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(entry));
            if (keepUntil < _timeProvider.GetUtcNow())
            {
                return null;
            }

            return JsonSerializer.Deserialize(entry.AsSpan(8), WorkOSJsonContext.Default.WorkOSAuthenticationResponse);
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or ArgumentOutOfRangeException)
        {
            return null; // written with another key ring, or not ours
        }
    }

    /// <summary>
    /// Claims the right to spend a refresh token across instances: write a marker, wait a moment, read it back.
    /// A cache without compare-and-set cannot make this perfect; a loser that still spends the token gets
    /// <c>invalid_grant</c> and then finds the winner's result here.
    /// </summary>
    public async Task<bool> TryClaimAsync(string key, TimeSpan hold, CancellationToken cancellationToken)
    {
        var marker = Guid.NewGuid().ToByteArray();
        var existing = await _cache.GetAsync(LockPrefix + key, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return false;
        }

        await _cache.SetAsync(LockPrefix + key, marker, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = hold }, cancellationToken)
            .ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
        var readBack = await _cache.GetAsync(LockPrefix + key, cancellationToken).ConfigureAwait(false);
        return readBack is not null && readBack.AsSpan().SequenceEqual(marker);
    }

    /// <summary>Drops the session kept under this key, here and for every instance sharing the cache.</summary>
    public Task RemoveAsync(string key) => _cache.RemoveAsync(ResultPrefix + key);
}
