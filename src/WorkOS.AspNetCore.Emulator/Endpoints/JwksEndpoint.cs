using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary><c>GET /sso/jwks/{client_id}</c>: the public signing keys, current and not yet retired.</summary>
internal static class JwksEndpoint
{
    public static Task HandleAsync(HttpContext context, EmulatorCore core)
    {
        var clientId = context.Request.RouteValues["clientId"] as string;
        if (!string.Equals(clientId, core.Options.ClientId, StringComparison.Ordinal))
        {
            return Responses.NotFoundAsync(context, $"No client with ID '{clientId}'.");
        }

        return Responses.JsonAsync(context, 200, core.Keys.ToJwks(), WireJsonContext.Default.JwksDto);
    }
}
