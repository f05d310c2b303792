using Microsoft.Net.Http.Headers;

namespace WorkOS.AspNetCore.Sample.ErrorPages;

/// <summary>
/// One answer for every error status, chosen by content negotiation: a browser gets the sample's HTML page
/// (<c>/status/{code}</c>, rendered with the original status), an API client gets <c>application/problem+json</c>.
/// It covers 403s from policies, refused fine-grained checks and failed organization switches alike, because all of
/// them either leave the body empty or write their ProblemDetails through <see cref="IProblemDetailsService"/>.
/// </summary>
public static class ErrorResponses
{
    /// <summary>The page a browser is shown for an error status; <c>{0}</c> is the status code.</summary>
    public const string StatusPagePath = "/status/{0}";

    /// <summary>Registers problem details, with browsers left to the HTML status page.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddErrorResponses(this IServiceCollection services)
    {
        // Writers are asked in order: this one claims browser requests first, the framework's default writes JSON.
        services.AddSingleton<IProblemDetailsWriter, BrowserProblemDetailsWriter>();
        services.AddProblemDetails();
        return services;
    }

    /// <summary>
    /// Answers an error status without a body: the HTML status page for a browser, problem details for anyone else.
    /// Call it early, before routing.
    /// </summary>
    /// <param name="app">The app.</param>
    /// <returns>The app.</returns>
    public static IApplicationBuilder UseErrorResponses(this IApplicationBuilder app)
    {
        app.UseWhen(context => WantsHtml(context.Request), browser => browser.UseStatusCodePagesWithReExecute(StatusPagePath));
        app.UseWhen(context => !WantsHtml(context.Request), api => api.UseStatusCodePages());
        return app;
    }

    /// <summary>
    /// A browser page request: not under <c>/api</c>, and an <c>Accept</c> header that lists <c>text/html</c> and
    /// neither <c>application/json</c> nor <c>application/problem+json</c>. <c>fetch</c>, curl (<c>*/*</c>) and
    /// clients that send no <c>Accept</c> get problem details.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>Whether to answer with HTML.</returns>
    public static bool WantsHtml(HttpRequest request)
    {
        if (request.Path.StartsWithSegments("/api") || !MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }

        var html = false;
        foreach (var type in accepted)
        {
            if (type.Quality == 0)
            {
                continue;
            }

            if (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || type.MediaType.Equals("application/problem+json", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            html |= type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase);
        }

        return html;
    }

    /// <summary>
    /// Writes no body for a browser, so the status code page renders HTML for the status instead of the JSON the
    /// default writer would send (a browser's <c>Accept</c> ends in <c>*/*</c>, which that writer accepts).
    /// </summary>
    private sealed class BrowserProblemDetailsWriter : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => WantsHtml(context.HttpContext.Request);

        public ValueTask WriteAsync(ProblemDetailsContext context) => ValueTask.CompletedTask;
    }
}
