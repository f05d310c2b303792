using System.Net;
using System.Text.RegularExpressions;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Testing;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authentication;

/// <summary>
/// A browser's view of a hosted sign-in that WorkOS answers with a further step: the sign-in up to the callback's
/// redirect to the step page, and the built-in step page's form read as a browser would submit it.
/// </summary>
internal static partial class HostedSignInStepPage
{
    public const string Authenticate = "/user_management/authenticate";
    public const string BuiltInPath = "/auth/callback/step";
    public const string ReturnUrl = "/protected?from=step";

    /// <summary>
    /// Makes the next code exchange of <paramref name="email"/> fail with <paramref name="error"/>, signs in from
    /// <see cref="ReturnUrl"/> through AuthKit, and returns the callback's answer (the redirect to the step page).
    /// </summary>
    public static async Task<HttpResponseMessage> SignInUntilStepAsync(this WorkOSTestClient browser, AuthKitTestApp app, string email,
        EmulatorAuthenticationError error)
    {
        app.Emulator.FailAuthentication(email, error);
        var challenge = await browser.GetAsync(ReturnUrl);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var toCallback = await browser.GetAsync(browser.Location(challenge) + "&login_hint=" + Uri.EscapeDataString(email));
        Assert.Equal(HttpStatusCode.Redirect, toCallback.StatusCode);
        return await browser.GetAsync(browser.Location(toCallback).ToString());
    }

    /// <summary>Signs in until the step and opens the built-in page it redirects to.</summary>
    public static async Task<(Uri StepUrl, Form Form)> OpenStepAsync(this WorkOSTestClient browser, AuthKitTestApp app, string email,
        EmulatorAuthenticationError error)
    {
        var callback = await browser.SignInUntilStepAsync(app, email, error);
        Assert.Equal(HttpStatusCode.SeeOther, callback.StatusCode);
        var stepUrl = browser.Location(callback);
        Assert.Equal(BuiltInPath, stepUrl.AbsolutePath);
        var page = await browser.GetAsync(stepUrl.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return (stepUrl, await Form.ReadAsync(page));
    }

    /// <summary>Submits <paramref name="form"/> with <paramref name="fields"/> added (a button's name and value, a typed code).</summary>
    public static Task<HttpResponseMessage> SubmitAsync(this WorkOSTestClient browser, Form form, params (string Name, string Value)[] fields)
    {
        var values = new Dictionary<string, string>(form.Hidden);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        return browser.PostFormAsync(form.Action, values);
    }

    /// <summary>How many grants of <paramref name="grantType"/> reached WorkOS.</summary>
    public static int Grants(this WorkOSEmulator emulator, string grantType) =>
        emulator.Requests.Count(r => r.Method == "POST" && r.Path == Authenticate
            && r.Body.TryGetValue("grant_type", out var value) && value == grantType);

    /// <summary>The built-in page's form: where it posts, its hidden fields, its buttons, its text.</summary>
    public sealed record Form(string Action, IReadOnlyDictionary<string, string> Hidden, IReadOnlyList<(string Value, string Label)> Buttons,
        string Html)
    {
        public string Step => Hidden["step"];

        public static async Task<Form> ReadAsync(HttpResponseMessage page)
        {
            var html = await page.Content.ReadAsStringAsync();
            var action = FormAction().Match(html);
            Assert.True(action.Success, "The page has no form: " + html);
            var hidden = HiddenField().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
            var buttons = OrganizationButton().Matches(html)
                .Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
            return new Form(WebUtility.HtmlDecode(action.Groups[1].Value), hidden, buttons, html);
        }
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]*)\">")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();

    [GeneratedRegex("<button type=\"submit\" name=\"organization_id\" value=\"([^\"]*)\">([^<]*)</button>")]
    private static partial Regex OrganizationButton();
}
