using System.Text;
using Microsoft.AspNetCore.Http;

namespace WorkOS.AspNetCore.Emulator.Hosting;

/// <summary>Answers requests that match an injected fault, before any endpoint runs.</summary>
internal sealed class FaultMiddleware(FaultRegistry faults)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var fault = faults.Take(context.Request.Method, context.Request.Path.Value ?? "/");
        if (fault is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (fault.Latency > TimeSpan.Zero)
        {
            // Real time on purpose: a test's fake clock must not stall the network.
            await Task.Delay(fault.Latency, context.RequestAborted).ConfigureAwait(false);
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
