using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Actions;

/// <summary>
/// The signed answer WorkOS expects: <c>{"object", "payload": {"timestamp", "verdict", "error_message"?}, "signature"}</c>,
/// the signature being the hex HMAC-SHA256 of <c>timestamp + "." + payload</c>. The payload is written once to bytes,
/// those bytes are signed, and the same bytes are copied into the answer, so what is signed is exactly what is sent.
/// </summary>
internal static class ActionResponse
{
    // Escapes only what JSON requires (quotes, backslashes, control characters), as JavaScript's JSON.stringify does, so
    // a verifier that re-serializes the parsed payload gets the same bytes. The answer is read by WorkOS, never rendered as HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Create(string responseObject, WorkOSActionVerdict verdict, string secret, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeMilliseconds();
        var payload = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(payload, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("timestamp", timestamp);
            writer.WriteString("verdict", verdict.IsAllowed ? "Allow" : "Deny");
            if (!verdict.IsAllowed && verdict.ErrorMessage is { } message)
            {
                writer.WriteString("error_message", message);
            }

            writer.WriteEndObject();
        }

        var signature = WebhookSignature.Sign(secret, timestamp.ToString(CultureInfo.InvariantCulture), payload.WrittenSpan);
        var response = new ArrayBufferWriter<byte>(payload.WrittenCount + 160);
        using (var writer = new Utf8JsonWriter(response, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("object", responseObject);
            writer.WritePropertyName("payload");
            writer.WriteRawValue(payload.WrittenSpan, skipInputValidation: true);
            writer.WriteString("signature", signature);
            writer.WriteEndObject();
        }

        return response.WrittenSpan.ToArray();
    }
}
