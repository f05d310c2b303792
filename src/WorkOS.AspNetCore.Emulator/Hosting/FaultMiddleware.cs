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
        context.Response.ContentType = body.TrimStart().StartsWith('{') || body.TrimStart().StartsWith('[')
            ? "application/json; charset=utf-8"
            : "text/plain; charset=utf-8";
        await context.Response.WriteAsync(body, Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }
}
