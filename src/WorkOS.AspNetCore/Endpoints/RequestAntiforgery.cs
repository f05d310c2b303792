using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WorkOS.AspNetCore.Endpoints;

/// <summary>The antiforgery check of the library's form endpoints, always made (the library registers antiforgery).</summary>
internal static partial class RequestAntiforgery
{
    /// <summary>
    /// Whether the request carries a valid antiforgery token; a refusal is logged. A form that does not parse (a NUL
    /// character, too many values) carries none: <see langword="false"/>, never an exception that would surface as a 500.
    /// </summary>
    public static async Task<bool> IsValidAsync(HttpContext context, string endpoint)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("WorkOS.AspNetCore.Endpoints");
        try
        {
            if (await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            {
                return true;
            }

            LogRefused(logger, endpoint, "the token is missing or invalid");
            return false;
        }
        catch (Exception ex) when (ex is AntiforgeryValidationException or InvalidDataException or BadHttpRequestException)
        {
            LogRefused(logger, endpoint, "the form could not be read");
            return false;
        }
    }

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "{Endpoint} refused by the antiforgery check: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string endpoint, string reason);
}
