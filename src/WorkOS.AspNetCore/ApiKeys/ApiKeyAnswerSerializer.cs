using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using WorkOS.AspNetCore.Api;

namespace WorkOS.AspNetCore.ApiKeys;

/// <summary>
/// The bytes of a cached <see cref="ApiKeyAnswer"/>, which <see cref="HybridCache"/> needs to size its in-memory entries:
/// the status, the expiry, then WorkOS's key as WorkOS sent it (source-generated JSON). "Could not ask" has no bytes:
/// it is never stored.
/// </summary>
internal sealed class ApiKeyAnswerSerializer : IHybridCacheSerializer<ApiKeyAnswer>
{
    private const int HeaderLength = 1 + sizeof(long);

    public ApiKeyAnswer Deserialize(ReadOnlySequence<byte> source)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        source.Slice(0, HeaderLength).CopyTo(header);
        var status = (ApiKeyStatus)header[0];
        var expiresAt = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(header[1..]), TimeSpan.Zero);
        var reader = new Utf8JsonReader(source.Slice(HeaderLength));
        var key = JsonSerializer.Deserialize(ref reader, WorkOSJsonContext.Default.ApiKeyValidationResponse)?.ApiKey;
        var lookup = status switch
        {
            ApiKeyStatus.Valid when key is not null => new ApiKeyLookup(ApiKeyStatus.Valid, key, "The API key is valid."),
            ApiKeyStatus.Invalid => new ApiKeyLookup(ApiKeyStatus.Invalid, null, "The API key is not valid."),
            _ => throw new InvalidDataException("Not a cached API key answer."),
        };
        return new ApiKeyAnswer(lookup, expiresAt);
    }

    public void Serialize(ApiKeyAnswer value, IBufferWriter<byte> target)
    {
        if (value.Lookup.Status == ApiKeyStatus.Unavailable)
        {
            throw new InvalidOperationException("An answer that WorkOS could not give is never cached.");
        }

        var header = target.GetSpan(HeaderLength);
        header[0] = (byte)value.Lookup.Status;
        BinaryPrimitives.WriteInt64LittleEndian(header[1..], value.ExpiresAt.UtcTicks);
        target.Advance(HeaderLength);
        using var writer = new Utf8JsonWriter(target);
        JsonSerializer.Serialize(writer, new ApiKeyValidationResponse { ApiKey = value.Lookup.Key }, WorkOSJsonContext.Default.ApiKeyValidationResponse);
    }
}
