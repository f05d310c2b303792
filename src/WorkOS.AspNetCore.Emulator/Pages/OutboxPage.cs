using System.Text;

namespace WorkOS.AspNetCore.Emulator.Pages;

/// <summary>The emails the emulator "sent" (Magic Link), newest first, each with its link, so a developer can sign in offline.</summary>
internal static class OutboxPage
{
    public const string Path = "/passwordless/outbox";

    public static string Render(IReadOnlyList<EmulatorEmail> emails)
    {
        var content = new StringBuilder();
        if (emails.Count == 0)
        {
            content.Append("<p class=\"empty\">No emails yet. Send a passwordless session to see its link here.</p>");
        }

        foreach (var email in emails.Reverse())
        {
            content.Append($"""
                <p class="message"><strong>{Html.Encode(email.To)}</strong><br>{Html.Encode(email.Subject)}<br>
                <a href="{Html.Encode(email.Link)}" data-testid="link-{Html.Encode(email.To)}">{Html.Encode(email.Link)}</a></p>

                """);
        }

        return Html.Page("Outbox", "Emails the emulator sent", content.ToString());
    }
}
