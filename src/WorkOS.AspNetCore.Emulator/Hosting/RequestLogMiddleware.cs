using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace WorkOS.AspNetCore.Emulator.Hosting;

/// <summary>
/// Reads the body fields and records every request in the log. The entry is written when the response starts,
/// so it is in the log before the client can see the response.
/// </summary>
internal sealed class RequestLogMiddleware(RequestLog log, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var timestamp = time.GetUtcNow();
        var fields = await RequestFields.ReadAsync(context).ConfigureAwait(false);
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "/";
        var query = MaskQuery(context.Request.QueryString);
        var body = SecretMask.Mask(fields.Values);
        var recorded = 0;

        void Record(int status)
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                log.Add(new EmulatorRequest(method, path, query, body, status, timestamp));
            }
        }

        context.Response.OnStarting(() =>
        {
            Record(context.Response.StatusCode);
            return Task.CompletedTask;
        });

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception) when (!context.Response.HasStarted)
        {
            Record(StatusCodes.Status500InternalServerError);
            throw;
        }

        Record(context.Response.StatusCode);
    }

    private static string MaskQuery(QueryString queryString)
    {
        var raw = queryString.Value ?? "";
        if (raw.Length == 0)
        {
            return "";
        }

        var parsed = QueryHelpers.ParseQuery(raw);
        if (!parsed.Keys.Any(SecretMask.IsSecret))
        {
            return raw.TrimStart('?');
        }

        return QueryString.Create(parsed.SelectMany(p => p.Value.Select(v =>
            new KeyValuePair<string, string?>(p.Key, SecretMask.IsSecret(p.Key) ? SecretMask.Masked : v)))).Value!.TrimStart('?');
    }
}
