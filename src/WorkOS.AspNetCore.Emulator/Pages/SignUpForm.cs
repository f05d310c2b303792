using System.Text;

namespace WorkOS.AspNetCore.Emulator.Pages;

/// <summary>
/// The hosted sign-up form: email (<c>data-testid="sign-up-email"</c>), first and last name, and a submit button
/// (<c>data-testid="sign-up"</c>, <c>action=sign_up</c>), posting the original authorize parameters (an
/// <c>invitation_token</c> among them) back. Shown again with what was typed and <see cref="Error"/> when the sign-up is refused.
/// </summary>
/// <param name="Email">The email typed, shown again.</param>
/// <param name="FirstName">The first name typed, shown again.</param>
/// <param name="LastName">The last name typed, shown again.</param>
/// <param name="Error">Why the sign-up was refused (shown with <c>data-testid="sign-up-error"</c>); null for a new form.</param>
internal sealed record SignUpForm(string? Email = null, string? FirstName = null, string? LastName = null, string? Error = null)
{
    public const string Action = "sign_up";

    public string Render(IEnumerable<KeyValuePair<string, string>> authorizeParameters)
    {
        var form = new StringBuilder();
        form.Append($"<form method=\"post\" action=\"{SignInPage.CompletePath}\" data-testid=\"sign-up-form\">\n");
        form.Append(SignInPage.HiddenFields(authorizeParameters));
        if (Error is not null)
        {
            form.Append($"<p class=\"message\" role=\"alert\" data-testid=\"sign-up-error\">{Html.Encode(Error)}</p>\n");
        }

        form.Append($"""
            <label>Email <input type="email" name="email" value="{Html.Encode(Email)}" required autocomplete="email" data-testid="sign-up-email"></label>
            <label>First name <input type="text" name="first_name" value="{Html.Encode(FirstName)}" autocomplete="given-name" data-testid="sign-up-first-name"></label>
            <label>Last name <input type="text" name="last_name" value="{Html.Encode(LastName)}" autocomplete="family-name" data-testid="sign-up-last-name"></label>
            <button type="submit" name="action" value="{Action}" data-testid="sign-up">Create account</button>

            """);
        form.Append("</form>\n");
        return form.ToString();
    }
}
