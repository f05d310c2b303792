using System.Text;
using WorkOS.AspNetCore.Emulator.State;

namespace WorkOS.AspNetCore.Emulator.Pages;

/// <summary>
/// The hosted sign-in screen: one button per user (<c>data-testid="user-&lt;email&gt;"</c>) and a cancel button
/// (<c>data-testid="cancel"</c>), in a form that posts the original authorize parameters back.
/// </summary>
internal static class SignInPage
{
    public const string CompletePath = "/user_management/authorize/complete";

    public static string Render(
        IEnumerable<KeyValuePair<string, string>> authorizeParameters,
        IReadOnlyList<SignInCandidate> users,
        string clientId,
        bool signUp)
    {
        var form = new StringBuilder();
        form.Append($"<form method=\"post\" action=\"{CompletePath}\">\n");
        foreach (var (name, value) in authorizeParameters)
        {
            form.Append($"<input type=\"hidden\" name=\"{Html.Encode(name)}\" value=\"{Html.Encode(value)}\">\n");
        }

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
        form.Append("</form>");

        return Html.Page(
            signUp ? "Create your account" : "Sign in",
            $"Choose a test user to continue to {clientId}",
            form.ToString());
    }
}
