using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>Why a request signed in <c>WorkOS-Signature</c> was refused, and the status that says so.</summary>
internal enum SignedRequestRefusal
{
    /// <summary>Not refused: the body is verified.</summary>
    None,

    /// <summary>No secret is configured to verify with (503: the deployment, not the sender, is at fault).</summary>
    NoSecret,

    /// <summary>The signature header is missing or garbled (400).</summary>
    Malformed,

    /// <summary>The body could not be read to its end (400); the reason is the exception's type name.</summary>
    Unreadable,

    /// <summary>The body is larger than allowed (413).</summary>
    TooLarge,

    /// <summary>The signature's timestamp is further from this app's clock than the tolerance, either way (401).</summary>
    OutsideTolerance,

    /// <summary>No configured secret signs these bytes with this timestamp (401).</summary>
    Mismatch,
}

/// <summary>
/// The outcome of <see cref="SignedRequestReader.ReadAsync"/>: the verified raw body, or why there is none, and the
/// configured secrets tried (the first signs answers).
/// </summary>
internal readonly record struct SignedRequest(byte[]? Body, SignedRequestRefusal Refusal, string Reason, TimeSpan Skew, string[] Secrets)
{
    /// <summary>How many secrets were tried.</summary>
    public int SecretCount => Secrets.Length;

    /// <summary>The status to answer a refusal with.</summary>
    public int StatusCode => Refusal switch
    {
        SignedRequestRefusal.None => StatusCodes.Status200OK,
        SignedRequestRefusal.NoSecret => StatusCodes.Status503ServiceUnavailable,
        SignedRequestRefusal.Malformed or SignedRequestRefusal.Unreadable => StatusCodes.Status400BadRequest,
        SignedRequestRefusal.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status401Unauthorized,
    };
}

/// <summary>
/// The one check of a request WorkOS signed (webhooks and AuthKit Actions alike), in this order: a secret to verify with,
/// a well-formed <c>WorkOS-Signature</c>, the raw body read once and bounded, the timestamp within the tolerance of the
/// app's clock in both directions, and an HMAC of those exact bytes under one of the secrets (constant-time). Nothing
/// parses the body before it has passed.
/// </summary>
internal static class SignedRequestReader
{
    public static async Task<SignedRequest> ReadAsync(HttpContext context, IEnumerable<string> configuredSecrets, long maxBodySize, TimeSpan tolerance, TimeProvider time)
    {
        var secrets = configuredSecrets.Where(s => !string.IsNullOrWhiteSpace(s)).ToArray();
        if (secrets.Length == 0)
        {
            return Refused(SignedRequestRefusal.NoSecret, "no secret is configured");
        }

        // Several headers read as one list, so a second header's timestamp makes it garbled.
        if (WebhookSignature.Parse(context.Request.Headers[WebhookSignature.HeaderName].ToString(), out var reason) is not { } signature)
        {
            return Refused(SignedRequestRefusal.Malformed, reason);
        }

        byte[]? body;
        try
        {
            body = await ReadBodyAsync(context.Request, (int)maxBodySize, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or BadHttpRequestException && !context.RequestAborted.IsCancellationRequested)
        {
            return Refused(SignedRequestRefusal.Unreadable, exception.GetType().Name);
        }

        if (body is null)
        {
            return Refused(SignedRequestRefusal.TooLarge, $"the body is larger than {maxBodySize} bytes");
        }

        var skew = TimeSpan.FromMilliseconds(Math.Abs((double)time.GetUtcNow().ToUnixTimeMilliseconds() - signature.UnixMilliseconds));
        if (skew > tolerance)
        {
            return new SignedRequest(null, SignedRequestRefusal.OutsideTolerance, "the timestamp is outside the tolerance", skew, secrets);
        }

        return signature.Matches(body, secrets)
            ? new SignedRequest(body, SignedRequestRefusal.None, "", skew, secrets)
            : new SignedRequest(null, SignedRequestRefusal.Mismatch, "no signature matches", skew, secrets);

        SignedRequest Refused(SignedRequestRefusal refusal, string why) => new(null, refusal, why, TimeSpan.Zero, secrets);
    }

    /// <summary>The body's bytes, or null when it is longer than <paramref name="limit"/> (by Content-Length, or once that many bytes arrived).</summary>
    internal static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
