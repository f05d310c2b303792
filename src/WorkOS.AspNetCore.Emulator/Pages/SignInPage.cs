using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using WorkOS.AspNetCore.Emulator.State;

namespace WorkOS.AspNetCore.Emulator.Pages;

/// <summary>
/// The hosted sign-in screen: one button per user (<c>data-testid="user-&lt;email&gt;"</c>) and a cancel button
/// (<c>data-testid="cancel"</c>), in a form that posts the original authorize parameters back, and a "Create an account"
/// link (<c>data-testid="create-account"</c>) to the sign-up screen. The sign-up screen (<c>screen_hint=sign-up</c>)
/// puts the sign-up form (<see cref="SignUpForm"/>) above the test users.
/// </summary>
internal static class SignInPage
{
    public const string AuthorizePath = "/user_management/authorize";
    public const string CompletePath = "/user_management/authorize/complete";

    /// <summary>Renders the sign-in screen, or the sign-up screen when <paramref name="signUp"/> is set.</summary>
    public static string Render(
        IEnumerable<KeyValuePair<string, string>> authorizeParameters,
        IReadOnlyList<SignInCandidate> users,
        string clientId,
        SignUpForm? signUp)
    {
        var parameters = authorizeParameters.ToList();
        var form = new StringBuilder();
        if (signUp is not null)
        {
            form.Append(signUp.Render(parameters));
            form.Append("<p class=\"subtitle\">Or continue as a test user</p>\n");
        }

        form.Append($"<form method=\"post\" action=\"{CompletePath}\">\n");
        form.Append(HiddenFields(parameters));
        if (users.Count == 0)
        {
            form.Append("<p class=\"empty\">No users can sign in here. Add users to the emulator seed.</p>\n");
        }

        foreach (var user in users)
        {
            form.Append($"""
                <button type="submit" name="user_id" value="{Html.Encode(user.Id)}" data-testid="user-{Html.Encode(user.Email)}">
                <span class="name">{Html.Encode(user.DisplayName)}</span><span class="email">{Html.Encode(user.Email)}</span>
                </button>

                """);
        }

        form.Append("<button type=\"submit\" name=\"action\" value=\"cancel\" class=\"cancel\" data-testid=\"cancel\" formnovalidate>Cancel</button>\n");
        form.Append("</form>\n");
        form.Append(signUp is null
            ? $"<p class=\"switch\"><a href=\"{Html.Encode(ScreenUrl(parameters, "sign-up"))}\" data-testid=\"create-account\">Create an account</a></p>"
            : $"<p class=\"switch\"><a href=\"{Html.Encode(ScreenUrl(parameters, null))}\" data-testid=\"sign-in-instead\">Already have an account? Sign in</a></p>");

        return Html.Page(
            signUp is null ? "Sign in" : "Create your account",
            signUp is null ? $"Choose a test user to continue to {clientId}" : $"Create a user to continue to {clientId}",
            form.ToString());
    }

    /// <summary>The authorize parameters as hidden inputs, so that a form post carries the original request along.</summary>
    public static string HiddenFields(IEnumerable<KeyValuePair<string, string>> authorizeParameters)
    {
        var fields = new StringBuilder();
        foreach (var (name, value) in authorizeParameters)
        {
            fields.Append($"<input type=\"hidden\" name=\"{Html.Encode(name)}\" value=\"{Html.Encode(value)}\">\n");
        }

        return fields.ToString();
    }

    /// <summary>The same authorize request on the other screen: <paramref name="screenHint"/> set, or removed when null.</summary>
    private static string ScreenUrl(IEnumerable<KeyValuePair<string, string>> authorizeParameters, string? screenHint)
    {
        var query = authorizeParameters.Where(p => p.Key != "screen_hint").Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)).ToList();
        if (screenHint is not null)
        {
            query.Add(new("screen_hint", screenHint));
        }

        return QueryHelpers.AddQueryString(AuthorizePath, query);
    }
}
