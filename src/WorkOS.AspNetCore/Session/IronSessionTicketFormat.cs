using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Claims;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// The session cookie in the format WorkOS's Node libraries (authkit-nextjs, <c>@workos-inc/node</c>) read and write:
/// an <see cref="IronSeal"/> of <see cref="IronSessionData"/> under the shared cookie password, in one cookie. The
/// principal is rebuilt from the access token as <see cref="SessionTicketFormat"/> rebuilds it, with the profile claims
/// from the sealed <c>user</c>; the seal's expiration is the ticket's expiry. A session that does not fit in one cookie is
/// refused when written (no chunking: the Node libraries read one cookie); a refresh checks first
/// (<see cref="FitsAfterRefresh"/>) so that it keeps the browser's cookie instead.
/// </summary>
internal sealed class IronSessionTicketFormat(string cookieScheme, string authenticationType, CookieAuthenticationOptions cookie,
    Func<IronPasswordSet?> passwords, TimeProvider timeProvider, Func<Exception> tooLarge, ILogger? logger = null)
    : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>The most a browser keeps of one cookie's name and value together.</summary>
    public const int CookieLimit = 4096;

    private const string TokenNames = ".TokenNames", TokenPrefix = ".Token.", Expires = ".expires", Persistent = ".persistent";

    public string Protect(AuthenticationTicket data) => Protect(data, purpose: null);

    public string Protect(AuthenticationTicket data, string? purpose)
    {
        var (seal, length) = Seal(data);
        if (length > CookieLimit)
        {
            logger?.IronSessionTooLarge(length, CookieLimit);
            throw tooLarge();
        }

        return seal;
    }

    /// <summary>
    /// Whether a refreshed session still fits in one cookie. When it does not, it is logged (with the size and the
    /// limit) and the cookie handler is not to re-issue the cookie: the request goes on as the refreshed session and the
    /// browser keeps the cookie it has, whose refresh token works until it is spent.
    /// </summary>
    public bool FitsAfterRefresh(AuthenticationTicket refreshed, string? sessionId)
    {
        var (_, length) = Seal(refreshed);
        if (length <= CookieLimit)
        {
            return true;
        }

        logger?.IronSessionTooLargeAfterRefresh(sessionId, length, CookieLimit);
        return false;
    }

    /// <summary>The seal of the ticket and the length of the cookie (name, <c>=</c>, URL-encoded value) that holds it.</summary>
    private (string Seal, int CookieLength) Seal(AuthenticationTicket data)
    {
        if (data.Properties.GetTokenValue(SessionTokens.AccessToken) is not { } accessToken)
        {
            throw new InvalidOperationException("The iron session cookie format holds WorkOS sessions only (a ticket with an access token); "
                + "it does not combine with a server-side session store.");
        }

        var principal = data.Principal;
        var token = SessionTokens.Of(principal)?.Token ?? new JsonWebToken(accessToken);
        var session = new IronSessionData
        {
            AccessToken = accessToken,
            RefreshToken = data.Properties.GetTokenValue(SessionTokens.RefreshToken),
            User = new IronSessionUser
            {
                Object = "user",
                Id = string.IsNullOrEmpty(token.Subject) ? principal.GetWorkOSUserId() : token.Subject,
                Email = principal.FindFirst(WorkOSClaimTypes.Email)?.Value,
                EmailVerified = principal.FindFirst(WorkOSClaimTypes.EmailVerified)?.Value is { } verified ? verified == "true" : null,
                FirstName = principal.FindFirst(WorkOSClaimTypes.GivenName)?.Value,
                LastName = principal.FindFirst(WorkOSClaimTypes.FamilyName)?.Value,
                ProfilePictureUrl = principal.FindFirst(WorkOSClaimTypes.Picture)?.Value,
            },
            Impersonator = principal.FindFirst(WorkOSClaimTypes.Impersonator)?.Value is { } impersonator
                ? new IronSessionImpersonator { Email = impersonator, Reason = principal.FindFirst(WorkOSClaimTypes.ImpersonatorReason)?.Value }
                : null,
            OrganizationId = token.TryGetPayloadValue<string>(WorkOSClaimTypes.OrganizationId, out var organization) && organization.Length > 0 ? organization : null,
            AuthenticationMethod = principal.FindFirst(WorkOSClaimTypes.AuthenticationMethod)?.Value,
            AuthenticationProperties = data.Properties.Items
                .Where(item => item.Key != TokenNames && item.Key != Expires && !item.Key.StartsWith(TokenPrefix, StringComparison.Ordinal))
                .ToDictionary(StringComparer.Ordinal),
        };

        var current = passwords() ?? throw new InvalidOperationException("The iron session cookie format needs WorkOS:CookiePassword.");
        var seal = IronSeal.Seal(JsonSerializer.SerializeToUtf8Bytes(session, IronSessionJsonContext.Default.IronSessionData),
            current.Current, data.Properties.ExpiresUtc);

        // The cookie manager writes the value URL-encoded; that is what the browser must keep.
        return (seal, (cookie.Cookie.Name ?? WorkOSAuthKitDefaults.SessionCookieName).Length + 1 + Uri.EscapeDataString(seal).Length);
    }

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText))
        {
            return null;
        }

        if (passwords() is not { } set)
        {
            logger?.IronSessionRefused("no cookie password is configured");
            return null;
        }

        var opened = IronSeal.Unseal(protectedText, set, timeProvider.GetUtcNow(), CookieLimit);
        if (opened.Status != IronUnsealStatus.Opened)
        {
            logger?.IronSessionRefused(opened.Status switch
            {
                IronUnsealStatus.UnknownPassword => "sealed with a password id this app does not have",
                IronUnsealStatus.BadIntegrity => "tampered, or sealed with another password",
                IronUnsealStatus.Expired => "the seal has expired",
                _ => "not an iron seal",
            });
            return null;
        }

        if (opened.PasswordId != set.Current.Id)
        {
            logger?.IronSessionOlderPassword(opened.PasswordId!, set.Current.Id);
        }

        try
        {
            var session = JsonSerializer.Deserialize(opened.Payload, IronSessionJsonContext.Default.IronSessionData);
            if (session?.AccessToken is not { Length: > 0 } accessToken)
            {
                logger?.IronSessionRefused("the session holds no access token");
                return null;
            }

            var token = new JsonWebToken(accessToken);
            if (session.User?.Id is { Length: > 0 } userId && !string.Equals(userId, token.Subject, StringComparison.Ordinal))
            {
                logger?.IronSessionRefused("the session's user is not the access token's subject");
                return null;
            }

            return Ticket(session, accessToken, token, opened.Expires);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or NotSupportedException)
        {
            // JsonWebToken throws ArgumentException (SecurityTokenMalformedException) for a token that does not parse.
            logger?.IronSessionRefused("the session JSON does not read");
            return null;
        }
    }

    private AuthenticationTicket Ticket(IronSessionData session, string accessToken, JsonWebToken token, DateTimeOffset? expires)
    {
        var identity = WorkOSClaimsMapper.CreateIdentity(token, ProfileClaims(session), authenticationType);
        var properties = new AuthenticationProperties(session.AuthenticationProperties is { } items
            ? new Dictionary<string, string?>(items.Where(item => item.Key != TokenNames && item.Key != Expires
                && !item.Key.StartsWith(TokenPrefix, StringComparison.Ordinal)), StringComparer.Ordinal)
            : new Dictionary<string, string?>(StringComparer.Ordinal) { [Persistent] = string.Empty }); // the Node libraries' cookies persist
        // A session the Node libraries sealed has no issue time, and @workos-inc/node's no expiry; the cookie handler
        // re-issues a refreshed cookie only with both, so it counts from now, to the seal's expiry or the cookie's lifetime.
        var now = timeProvider.GetUtcNow();
        properties.IssuedUtc ??= now;
        properties.ExpiresUtc = expires ?? now + cookie.ExpireTimeSpan;
        List<AuthenticationToken> tokens = [new() { Name = SessionTokens.AccessToken, Value = accessToken }];
        if (session.RefreshToken is { Length: > 0 } refreshToken)
        {
            tokens.Add(new AuthenticationToken { Name = SessionTokens.RefreshToken, Value = refreshToken });
            identity.BootstrapContext = new SessionTokenSet(accessToken, refreshToken, token);
        }

        properties.StoreTokens(tokens);
        return new AuthenticationTicket(new ClaimsPrincipal(identity), properties, cookieScheme);
    }

    /// <summary>The claims of the sealed user and session that the token does not carry, as the default format keeps them.</summary>
    private static List<Claim> ProfileClaims(IronSessionData session)
    {
        var claims = new List<Claim>(8);
        var user = session.User;
        Add(claims, WorkOSClaimTypes.Email, user?.Email);
        if (user?.EmailVerified is { } verified)
        {
            claims.Add(new Claim(WorkOSClaimTypes.EmailVerified, verified ? "true" : "false", ClaimValueTypes.Boolean));
        }

        Add(claims, WorkOSClaimTypes.GivenName, user?.FirstName);
        Add(claims, WorkOSClaimTypes.FamilyName, user?.LastName);
        Add(claims, WorkOSClaimTypes.Name, string.Join(' ', new[] { user?.FirstName, user?.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))));
        Add(claims, WorkOSClaimTypes.Picture, user?.ProfilePictureUrl);
        Add(claims, WorkOSClaimTypes.AuthenticationMethod, session.AuthenticationMethod);
        Add(claims, WorkOSClaimTypes.ImpersonatorReason, session.Impersonator?.Reason);
        return claims;
    }

    private static void Add(List<Claim> claims, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims.Add(new Claim(type, value, ClaimValueTypes.String));
        }
    }
}
