using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Claims;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// Seals the session cookie. The cookie holds the tokens, the authentication properties and the few profile claims
/// the token does not carry, in <see cref="CompactSessionTicket"/>'s layout; every claim derivable from the access
/// token is left out and derived when the cookie is read (a JWT decode, no signature work: DataProtection already
/// authenticates the cookie). What a session's identity derives to is kept in a bounded <see cref="DerivedClaimsCache"/>
/// keyed by the hash of the sealed identity bytes, so the requests of a session decode its token once, not each time.
/// A ticket without an access token (a server-side session's key), and cookies sealed before the compact layout, are
/// the framework's <see cref="TicketSerializer"/> format, and still read.
/// </summary>
internal sealed class SessionTicketFormat(IDataProtector protector, DerivedClaimsCache? cache = null, ILogger? logger = null)
    : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>The first byte of the framework's ticket format (its version, a little-endian int32 of 5).</summary>
    private const byte FrameworkFormat = 5;

    private readonly DerivedClaimsCache _cache = cache ?? new DerivedClaimsCache();

    public string Protect(AuthenticationTicket data) => Protect(data, purpose: null);

    public string Protect(AuthenticationTicket data, string? purpose)
    {
        // Only a ticket with an access token can be rebuilt from it; any other ticket is sealed whole.
        var bytes = data.Properties.GetTokenValue(SessionTokens.AccessToken) is { } accessToken
            ? CompactSessionTicket.Write(data, accessToken, ProfileClaims(data.Principal), data.Principal.Identity is ClaimsIdentity identity ? identity.AuthenticationType : null)
            : TicketSerializer.Default.Serialize(data);
        return Base64UrlTextEncoder.Encode(For(purpose).Protect(bytes));
    }

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText))
        {
            return null;
        }

        byte[] payload;
        try
        {
            payload = For(purpose).Unprotect(Base64UrlTextEncoder.Decode(protectedText));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            logger?.SessionCookieRefused("tampered, or sealed with a key this app does not have");
            return null;
        }

        try
        {
            if (payload.Length > 0 && payload[0] == CompactSessionTicket.Format)
            {
                return ReadCompact(payload);
            }

            if (payload.Length > 0 && payload[0] == FrameworkFormat)
            {
                return ReadFramework(payload);
            }

            logger?.SessionCookieRefused("a format this version does not know"); // the user signs in again
            return null;
        }
        catch (Exception ex) when (ex is FormatException or EndOfStreamException or InvalidOperationException or ArgumentException)
        {
            logger?.SessionCookieRefused("malformed ticket");
            return null;
        }
    }

    private AuthenticationTicket ReadCompact(byte[] payload)
    {
        var reader = new CompactSessionTicket.Reader(payload);
        var start = reader.Position;
        reader.SkipIdentity();
        var key = DerivedIdentityKey.Of(reader.Slice(start));
        if (!_cache.TryGet(key, out var derived))
        {
            var identityReader = new CompactSessionTicket.Reader(payload);
            var (scheme, authenticationType, accessToken, profile) = identityReader.ReadIdentity();
            derived = Derive(new JsonWebToken(accessToken), accessToken, profile, authenticationType ?? scheme, scheme);
            _cache.Add(key, derived);
        }

        var properties = new AuthenticationProperties(reader.ReadItems(derived.AccessToken));
        var identity = derived.CreateIdentity();
        if (properties.GetTokenValue(SessionTokens.RefreshToken) is { } refreshToken)
        {
            identity.BootstrapContext = new SessionTokenSet(derived.AccessToken, refreshToken, derived.Token);
        }

        return new AuthenticationTicket(new ClaimsPrincipal(identity), properties, derived.Scheme);
    }

    /// <summary>The framework's format: a ticket sealed whole, or a session cookie sealed before the compact layout.</summary>
    private static AuthenticationTicket? ReadFramework(byte[] payload)
    {
        var slim = TicketSerializer.Default.Deserialize(payload);
        if (slim?.Properties.GetTokenValue(SessionTokens.AccessToken) is not { } accessToken)
        {
            return slim; // a server-side session key ticket, or a ticket of another kind: nothing to derive
        }

        var stored = slim.Principal.Identity as ClaimsIdentity;
        var token = new JsonWebToken(accessToken);
        var identity = WorkOSClaimsMapper.CreateIdentity(token, stored?.Claims ?? [], stored?.AuthenticationType ?? slim.AuthenticationScheme);
        if (slim.Properties.GetTokenValue(SessionTokens.RefreshToken) is { } refreshToken)
        {
            identity.BootstrapContext = new SessionTokenSet(accessToken, refreshToken, token);
        }

        return new AuthenticationTicket(new ClaimsPrincipal(identity), slim.Properties, slim.AuthenticationScheme);
    }

    private static DerivedIdentity Derive(JsonWebToken token, string accessToken, List<Claim> profile, string authenticationType, string scheme)
    {
        var identity = WorkOSClaimsMapper.CreateIdentity(token, profile, authenticationType);
        return new DerivedIdentity(scheme, authenticationType, accessToken, token, [.. identity.Claims]);
    }

    private IDataProtector For(string? purpose) => purpose is null ? protector : protector.CreateProtector(purpose);

    /// <summary>The claims of the first identity the token does not carry: all the cookie stores of the principal.</summary>
    private static List<Claim> ProfileClaims(ClaimsPrincipal principal)
    {
        var claims = new List<Claim>(8);
        if (principal.Identity is ClaimsIdentity identity)
        {
            foreach (var claim in identity.Claims)
            {
                if (WorkOSClaimsMapper.ProfileClaimTypes.Contains(claim.Type))
                {
                    claims.Add(claim);
                }
            }
        }

        return claims;
    }
}
