using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.Endpoints;

/// <summary>Turns a request to the sign-in or sign-up endpoint into an AuthKit challenge.</summary>
internal static class SignInRequest
{
    public static IResult Challenge(HttpContext context, string scheme, string? screenHint)
    {
        var query = context.Request.Query;
        var returnUrl = query["returnUrl"].ToString();
        // Resolved against the path base, and refused unless local, by the AuthKit challenge (ReturnUrls).
        var properties = new WorkOSChallengeProperties(string.IsNullOrEmpty(returnUrl) ? "~/" : returnUrl)
        {
            ScreenHint = screenHint,
            OrganizationId = Value(query, "organizationId"),
            LoginHint = Value(query, "loginHint"),
            ConnectionId = Value(query, "connectionId"),
            DomainHint = Value(query, "domainHint"),
            InvitationToken = Value(query, "invitationToken"),
            MaxAge = int.TryParse(Value(query, "maxAge"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : null,
        };
        return Results.Challenge(properties, [scheme]);
    }

    private static string? Value(IQueryCollection query, string key) =>
        query[key].ToString() is { Length: > 0 and <= 512 } value ? value : null;
}
