using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;

namespace WorkOS.AspNetCore.Fga;

/// <summary>
/// The bytes of a cached <see cref="MembershipAnswer"/>, which <see cref="HybridCache"/> needs to size its in-memory
/// entries: the expiry, a flag for "no membership", then the id. A failed lookup has no bytes: it is never stored.
/// </summary>
internal sealed class MembershipAnswerSerializer : IHybridCacheSerializer<MembershipAnswer>
{
    private const int HeaderLength = sizeof(long) + 1;

    public MembershipAnswer Deserialize(ReadOnlySequence<byte> source)
    {
        var bytes = source.ToArray();
        var expiresAt = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(bytes), TimeSpan.Zero);
        var id = bytes[sizeof(long)] == 0 ? null : Encoding.UTF8.GetString(bytes, HeaderLength, bytes.Length - HeaderLength);
        return new MembershipAnswer(id, expiresAt, null);
    }

    public void Serialize(MembershipAnswer value, IBufferWriter<byte> target)
    {
        if (value.Failure is not null)
        {
            throw new InvalidOperationException("A failed membership lookup is never cached.");
        }

        var header = target.GetSpan(HeaderLength);
        BinaryPrimitives.WriteInt64LittleEndian(header, value.ExpiresAt.UtcTicks);
        header[sizeof(long)] = value.MembershipId is null ? (byte)0 : (byte)1;
        target.Advance(HeaderLength);
        if (value.MembershipId is { } id)
        {
            Encoding.UTF8.GetBytes(id, target);
        }
    }
}
