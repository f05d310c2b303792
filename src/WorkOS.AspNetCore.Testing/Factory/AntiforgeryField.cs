using System.Net;
using System.Text.RegularExpressions;

namespace WorkOS.AspNetCore.Testing.Factory;

/// <summary>Finds the antiforgery token that ASP.NET Core renders into forms.</summary>
internal static partial class AntiforgeryField
{
    public const string Name = "__RequestVerificationToken";

    public static string? Find(string html)
    {
        foreach (Match input in InputTag().Matches(html))
        {
            var tag = input.Value;
            if (NameAttribute().Match(tag) is { Success: true } name && name.Groups[1].Value == Name
                && ValueAttribute().Match(tag) is { Success: true } value)
            {
                return WebUtility.HtmlDecode(value.Groups[1].Value);
            }
        }

        return null;
    }

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("\\bname\\s*=\\s*\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex NameAttribute();

    [GeneratedRegex("\\bvalue\\s*=\\s*\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ValueAttribute();
}
