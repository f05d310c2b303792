using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Hosting;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>Checks <c>Authorization: Bearer &lt;API key&gt;</c> on the server-to-server endpoints.</summary>
internal static class BearerAuth
{
    /// <summary>Wraps an endpoint so that it only runs for the emulator's API key; others get 401.</summary>
    public static RequestDelegate Require(EmulatorCore core, RequestDelegate endpoint) => async context =>
    {
        if (!IsAuthorized(context.Request.Headers.Authorization.ToString(), core.Options.ApiKey))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Responses.ErrorAsync(context, StatusCodes.Status401Unauthorized, null, "Unauthorized").ConfigureAwait(false);
            return;
        }

        await endpoint(context).ConfigureAwait(false);
    };

    private static bool IsAuthorized(string header, string apiKey)
    {
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(apiKey));
    }
}
