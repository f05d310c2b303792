using Microsoft.IdentityModel.JsonWebTokens;

namespace WorkOS.AspNetCore.Tokens;

/// <summary>
/// Refuses tokens meant for another client. WorkOS access tokens usually carry neither <c>client_id</c> nor
/// <c>aud</c>, so an absent claim passes; a present one must name this app's client id (or an accepted audience).
/// For <c>aud</c> that is RFC 7519's rule: when present, the recipient must find itself in it, so an empty
/// <c>aud</c> is refused too. A <c>client_id</c> that is not a string is refused.
/// </summary>
internal static class AccessTokenAudience
{
    /// <summary>Why the token is not meant for this app, or <see langword="null"/> when it is.</summary>
    public static string? Check(JsonWebToken token, string clientId, ICollection<string> validAudiences)
    {
        if (token.TryGetPayloadValue<object>("client_id", out var claimed))
        {
            if (claimed is not string value)
            {
                return "The access token's client_id is not a string.";
            }

            if (!Accepted(value, clientId, validAudiences))
            {
                return $"The access token was issued to another client ('{LogValue.Caller(value ?? string.Empty, 64)}').";
            }
        }

        if (token.TryGetPayloadValue<object>(JwtRegisteredClaimNames.Aud, out _)
            && !token.Audiences.Any(audience => Accepted(audience, clientId, validAudiences)))
        {
            return "The access token's audience does not name this application.";
        }

        return null;
    }

    private static bool Accepted(string value, string clientId, ICollection<string> validAudiences) =>
        value.Length > 0 && (string.Equals(value, clientId, StringComparison.Ordinal) || validAudiences.Contains(value));
}
