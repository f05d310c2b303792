using System.Text;

namespace WorkOS.AspNetCore.Emulator.Pages;

/// <summary>
/// The emails the emulator "sent" (Magic Links, Magic Auth and email verification codes, password reset and invitation
/// links), newest first, each with its link or code, so a developer can sign in offline.
/// </summary>
internal static class OutboxPage
{
    public const string Path = "/passwordless/outbox";

    public static string Render(IReadOnlyList<EmulatorEmail> emails)
    {
        var content = new StringBuilder();
        if (emails.Count == 0)
        {
            content.Append("<p class=\"empty\">No emails yet. Send a passwordless session, a Magic Auth code or an invitation to see it here.</p>");
        }

        foreach (var email in emails.Reverse())
        {
            var kind = OutboxKinds.Name(email.Kind);
            content.Append($"""<p class="message" data-kind="{kind}"><strong>{Html.Encode(email.To)}</strong><br>{Html.Encode(email.Subject)}""");
            if (email.Code is { } code)
            {
                content.Append($"""<br>Code: <code data-testid="code-{Html.Encode(email.To)}">{Html.Encode(code)}</code>""");
            }

            if (email.Link.Length > 0)
            {
                content.Append($"""<br><a href="{Html.Encode(email.Link)}" data-testid="link-{Html.Encode(email.To)}">{Html.Encode(email.Link)}</a>""");
            }

            content.Append("</p>\n");
        }

        return Html.Page("Outbox", "Emails the emulator sent", content.ToString());
    }
}
