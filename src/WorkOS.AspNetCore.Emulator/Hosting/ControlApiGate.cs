using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Emulator.Endpoints;

namespace WorkOS.AspNetCore.Emulator.Hosting;

/// <summary>
/// Lets a control API request through only from this machine: the connection comes from a loopback address, the
/// <c>Host</c> (and any <c>Origin</c>) names a loopback host, so a web page whose name was rebound to 127.0.0.1
/// cannot use it, and a POST or PUT carries JSON, which a cross-site page cannot send without a CORS preflight
/// that the emulator never grants.
/// </summary>
internal sealed class ControlApiGate(ILogger logger)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var method = request.Method;
        var path = request.Path.Value ?? "/";
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote))
        {
            ControlLog.NotLoopback(logger, method, path, remote?.ToString() ?? "(none)");
            await ForbiddenAsync(context, "The emulator's control API answers loopback callers only.").ConfigureAwait(false);
            return;
        }

        if (!IsLoopbackHost(request.Host.Host))
        {
            ControlLog.HostNotLoopback(logger, method, path, request.Host.Value ?? "");
            await ForbiddenAsync(context, "The emulator's control API answers requests for a loopback host only.").ConfigureAwait(false);
            return;
        }

        if (request.Headers.Origin is { Count: > 0 } origins
            && !(Uri.TryCreate(origins.ToString(), UriKind.Absolute, out var origin) && IsLoopbackHost(origin.Host)))
        {
            ControlLog.OriginNotLoopback(logger, method, path, origins.ToString());
            await ForbiddenAsync(context, "The emulator's control API does not answer web pages of other origins.").ConfigureAwait(false);
            return;
        }

        if ((HttpMethods.IsPost(method) || HttpMethods.IsPut(method)) && !request.HasJsonContentType())
        {
            ControlLog.NotJson(logger, method, path, request.ContentType ?? "(none)");
            await Responses.ErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                "Send the control API's POST and PUT bodies as application/json.").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static Task ForbiddenAsync(HttpContext context, string message) =>
        Responses.ErrorAsync(context, StatusCodes.Status403Forbidden, "forbidden", message);
}
