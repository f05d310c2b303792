namespace WorkOS.AspNetCore.Emulator.Pages;

/// <summary>Plain message screens: the hosted error page and the signed-out page.</summary>
internal static class MessagePage
{
    public const string SignedOutPath = "/emulator/signed-out";

    public static string Error(string title, string message) =>
        Html.Page(title, "The request could not be completed", $"<p class=\"message\" data-testid=\"error\">{Html.Encode(message)}</p>");

    public static string SignedOut() =>
        Html.Page("You are signed out", null, "<p class=\"message\" data-testid=\"signed-out\">Your session has ended. You can close this window.</p>");
}
