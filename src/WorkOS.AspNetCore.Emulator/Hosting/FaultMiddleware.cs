using System.Text;
using Microsoft.AspNetCore.Http;

namespace WorkOS.AspNetCore.Emulator.Hosting;

/// <summary>Answers requests that match an injected fault, before any endpoint runs.</summary>
internal sealed class FaultMiddleware(FaultRegistry faults, DelayedRequests delayed, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "/";
        var fault = faults.Take(method, path);
        if (fault is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (fault.Latency > TimeSpan.Zero)
        {
            // On the emulator's clock: with a fake clock the answer waits until the test advances it past the latency.
            var latency = Task.Delay(fault.Latency, time, context.RequestAborted);
            delayed.Add(method, path);
            await latency.ConfigureAwait(false);
        }

        if (fault.StatusCode == 0)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var body = fault.Body ?? $$"""{"message":"Fault injected by the WorkOS emulator (HTTP {{fault.StatusCode}})."}""";
        context.Response.StatusCode = fault.StatusCode;
        context.Response.ContentType = fault.ContentType ?? (body.TrimStart().StartsWith('{') || body.TrimStart().StartsWith('[')
            ? "application/json; charset=utf-8"
            : "text/plain; charset=utf-8");
        foreach (var (name, value) in fault.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        var padding = new byte[Math.Min(64 * 1024, Math.Max(0, fault.PadTo - bytes.Length))];
        Array.Fill(padding, (byte)' ');
        for (var left = fault.PadTo - bytes.Length; left > 0; left -= padding.Length)
        {
            await context.Response.Body.WriteAsync(padding.AsMemory(0, Math.Min(left, padding.Length)), context.RequestAborted).ConfigureAwait(false);
        }
    }
}
