using System.Buffers;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;

namespace WorkOS.AspNetCore.Widgets;

/// <summary>
/// A widget token and when it stops being handed out (on the app's clock), or why there is none (never stored).
/// Immutable, so the in-memory tier of the cache hands out the instance.
/// </summary>
[ImmutableObject(true)]
internal sealed record WidgetTokenEntry(string? Token, DateTimeOffset RefreshAt, WorkOSWidgetTokenException? Failure);

/// <summary>The bytes of a cached <see cref="WidgetTokenEntry"/>, which <see cref="HybridCache"/> needs to size its in-memory entries.</summary>
internal sealed class WidgetTokenEntrySerializer : IHybridCacheSerializer<WidgetTokenEntry>
{
    public WidgetTokenEntry Deserialize(ReadOnlySequence<byte> source)
    {
        var bytes = source.ToArray();
        var refreshAt = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(bytes), TimeSpan.Zero);
        return new WidgetTokenEntry(Encoding.UTF8.GetString(bytes, sizeof(long), bytes.Length - sizeof(long)), refreshAt, null);
    }

    public void Serialize(WidgetTokenEntry value, IBufferWriter<byte> target)
    {
        if (value.Token is null || value.Failure is not null)
        {
            throw new InvalidOperationException("A failed widget token request is never cached.");
        }

        BinaryPrimitives.WriteInt64LittleEndian(target.GetSpan(sizeof(long)), value.RefreshAt.UtcTicks);
        target.Advance(sizeof(long));
        Encoding.UTF8.GetBytes(value.Token, target);
    }
}
