using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>What the browser gets when a sign-in fails and no event handled it: a redirect to
/// <see cref="WorkOSAuthKitOptions.ErrorPath"/>, or a small page with the right status. Never a stack trace.</summary>
internal static class SignInFailurePage
{
    public static Task WriteAsync(HttpContext context, WorkOSAuthKitOptions options, SignInFailureException failure) =>
        WriteAsync(context, options.ErrorPath, failure);

    /// <summary>Redirects to <paramref name="errorPath"/> when set, else renders the page.</summary>
    public static async Task WriteAsync(HttpContext context, PathString errorPath, SignInFailureException failure)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-cache, no-store";
        if (errorPath.HasValue)
        {
            var target = context.Request.PathBase.Add(errorPath).Value!;
            response.Redirect(QueryHelpers.AddQueryString(target, new Dictionary<string, string?>
            {
                ["error"] = failure.Error,
                ["error_description"] = failure.Message,
            }));
            return;
        }

        await HtmlMessagePage.WriteAsync(context, failure.StatusCode, "Sign-in failed", failure.Message, failure.Error, " and sign in again.");
    }
}
