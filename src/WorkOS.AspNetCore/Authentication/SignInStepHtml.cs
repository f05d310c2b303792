using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.SignIn;
using static System.Net.WebUtility;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// The HTML of the built-in sign-in step page. Everything that comes from WorkOS or the browser (organization names,
/// email addresses, messages, the step) is HTML-encoded; the page runs no script, loads nothing, may not be framed,
/// posts only to itself, and is never cached.
/// </summary>
internal static partial class SignInStepHtml
{
    private const string Style = "body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}"
        + "button{display:block;width:100%;margin:.5rem 0;padding:.6rem;font-size:1rem}"
        + "input{font-size:1.2rem;padding:.4rem;width:10rem;letter-spacing:.2rem}"
        + ".error{color:#a00}code{word-break:break-all}";

    /// <summary>Only the page's own style element runs: its hash, not <c>unsafe-inline</c>.</summary>
    private static readonly string ContentSecurityPolicy =
        $"default-src 'none'; img-src data:; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static async Task WriteAsync(HttpContext context, int statusCode, string formAction, WorkOSSignInResult view, string step, string? error)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XFrameOptions = "DENY";
        response.Headers.XContentTypeOptions = "nosniff";
        // The page's URL carries the step: no other site is told it.
        response.Headers["Referrer-Policy"] = "no-referrer";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        var (title, body) = Content(view);
        var html = new StringBuilder(2048)
            .Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>").Append(HtmlEncode(title)).Append("</title>")
            .Append("<style>").Append(Style).Append("</style></head>\n<body>\n<h1>").Append(HtmlEncode(title)).Append("</h1>\n");
        if (error is not null)
        {
            html.Append("<p class=\"error\" role=\"alert\">").Append(HtmlEncode(error)).Append("</p>\n");
        }

        html.Append("<form method=\"post\" action=\"").Append(HtmlEncode(formAction)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"").Append(SignInSteps.StepParameter).Append("\" value=\"").Append(HtmlEncode(step)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"action\" value=\"").Append(SignInSteps.Name(view.Status)).Append("\">\n")
            .Append(body)
            .Append("</form>\n</body></html>\n");
        await response.WriteAsync(html.ToString(), context.RequestAborted);
    }

    private static (string Title, string Body) Content(WorkOSSignInResult view) => view.Status switch
    {
        WorkOSSignInStatus.RequiresOrganizationSelection => ("Choose an organization", Organizations(view.Organizations)),
        WorkOSSignInStatus.RequiresEmailVerification => ("Verify your email address",
            $"<p>Enter the code we emailed{(view.Email is { Length: > 0 } email ? " to <strong>" + HtmlEncode(email) + "</strong>" : "")}.</p>\n"
            + CodeField("Verification code") + "<button type=\"submit\">Verify</button>\n"),
        WorkOSSignInStatus.RequiresMfaEnrollment => ("Set up two-factor authentication",
            "<p>Your account needs an authenticator app (a TOTP app such as 1Password, Google Authenticator or Authy).</p>\n"
            + "<button type=\"submit\">Set up an authenticator app</button>\n"),
        _ => ("Two-factor authentication", Enrollment(view.Totp) + CodeField("Code from your authenticator app") + "<button type=\"submit\">Verify</button>\n"),
    };

    private static string Organizations(IReadOnlyList<WorkOSOrganizationChoice> organizations)
    {
        var body = new StringBuilder("<p>Your account belongs to several organizations. Which one do you want to sign in to?</p>\n");
        foreach (var organization in organizations)
        {
            body.Append("<button type=\"submit\" name=\"organization_id\" value=\"").Append(HtmlEncode(organization.Id)).Append("\">")
                .Append(HtmlEncode(string.IsNullOrWhiteSpace(organization.Name) ? organization.Id : organization.Name)).Append("</button>\n");
        }

        return body.ToString();
    }

    private static string Enrollment(WorkOSTotpEnrollment? totp)
    {
        if (totp is null)
        {
            return "";
        }

        var body = new StringBuilder("<p>Scan this QR code with your authenticator app, or type in the secret, then enter the code it shows.</p>\n");
        if (PngDataUri().IsMatch(totp.QrCode))
        {
            body.Append("<p><img alt=\"QR code for your authenticator app\" width=\"200\" height=\"200\" src=\"").Append(HtmlEncode(totp.QrCode)).Append("\"></p>\n");
        }

        return body.Append("<p>Secret: <code>").Append(HtmlEncode(totp.Secret)).Append("</code></p>\n").ToString();
    }

    private static string CodeField(string label) =>
        $"<p><label for=\"code\">{HtmlEncode(label)}</label><br><input id=\"code\" name=\"code\" required autofocus autocomplete=\"one-time-code\" inputmode=\"numeric\" maxlength=\"16\"></p>\n";

    /// <summary>A PNG as a data URI and nothing else: anything other is not put in the page's <c>img</c>.</summary>
    [GeneratedRegex("^data:image/png;base64,[A-Za-z0-9+/]+={0,2}$")]
    private static partial Regex PngDataUri();
}
