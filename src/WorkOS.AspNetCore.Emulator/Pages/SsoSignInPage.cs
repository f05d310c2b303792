using System.Text;
using WorkOS.AspNetCore.Emulator.State;

namespace WorkOS.AspNetCore.Emulator.Pages;

/// <summary>
/// The identity provider's screen of an SSO connection: one button per profile (<c>data-testid="profile-&lt;email&gt;"</c>)
/// and a cancel button (<c>data-testid="cancel"</c>), in a form that posts the original authorize parameters back, and
/// a link to the outbox of Magic Link emails.
/// </summary>
internal static class SsoSignInPage
{
    public const string CompletePath = "/sso/authorize/complete";

    public static string Render(IEnumerable<KeyValuePair<string, string>> authorizeParameters, ConnectionRecord connection, IReadOnlyList<ProfileRecord> profiles)
    {
        var form = new StringBuilder();
        form.Append($"<form method=\"post\" action=\"{CompletePath}\">\n");
        foreach (var (name, value) in authorizeParameters)
        {
            form.Append($"<input type=\"hidden\" name=\"{Html.Encode(name)}\" value=\"{Html.Encode(value)}\">\n");
        }

        if (profiles.Count == 0)
        {
            form.Append("<p class=\"empty\">No profiles can sign in through this connection. Add profiles or organization members to the emulator seed.</p>\n");
        }

        foreach (var profile in profiles)
        {
            var name = $"{profile.FirstName} {profile.LastName}".Trim();
            form.Append($"""
                <button type="submit" name="profile_id" value="{Html.Encode(profile.Id)}" data-testid="profile-{Html.Encode(profile.Email)}">
                <span class="name">{Html.Encode(name.Length > 0 ? name : profile.Email)}</span><span class="email">{Html.Encode(profile.Email)}</span>
                </button>

                """);
        }

        form.Append("<button type=\"submit\" name=\"action\" value=\"cancel\" class=\"cancel\" data-testid=\"cancel\" formnovalidate>Cancel</button>\n");
        form.Append("</form>\n");
        form.Append($"<p class=\"subtitle\"><a href=\"{OutboxPage.Path}\" data-testid=\"outbox\">Magic Link outbox</a></p>");

        return Html.Page(
            $"Sign in with {connection.Name}",
            $"{connection.ConnectionType} connection {connection.Id}: choose a profile",
            form.ToString());
    }
}
