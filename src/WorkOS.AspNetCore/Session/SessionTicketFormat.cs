using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkOS.AspNetCore.Claims;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// Seals the session cookie. The cookie holds the tokens, the authentication properties and the few profile
/// claims the token does not carry; every claim derivable from the access token is left out and derived again
/// when the cookie is read (a JWT decode, no signature work: DataProtection already authenticates the cookie).
/// This keeps a session with many permissions in one cookie.
/// </summary>
internal sealed class SessionTicketFormat(IDataProtector protector) : ISecureDataFormat<AuthenticationTicket>
{
    public string Protect(AuthenticationTicket data) => Protect(data, purpose: null);

    public string Protect(AuthenticationTicket data, string? purpose)
    {
        // Only a ticket with an access token can be rebuilt from it; any other ticket is sealed whole.
        var slim = data.Properties.GetTokenValue(SessionTokens.AccessToken) is null
            ? data
            : new AuthenticationTicket(Slim(data.Principal), data.Properties, data.AuthenticationScheme);
        var bytes = TicketSerializer.Default.Serialize(slim);
        return Base64UrlTextEncoder.Encode(For(purpose).Protect(bytes));
    }

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText))
        {
            return null;
        }

        AuthenticationTicket? slim;
        try
        {
            slim = TicketSerializer.Default.Deserialize(For(purpose).Unprotect(Base64UrlTextEncoder.Decode(protectedText)));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or EndOfStreamException or InvalidOperationException)
        {
            return null; // tampered, truncated, or sealed with a key this app does not have
        }

        if (slim is null)
        {
            return null;
        }

        var accessToken = slim.Properties.GetTokenValue(SessionTokens.AccessToken);
        if (accessToken is null)
        {
            return slim; // a server-side session key ticket, or a ticket of another kind: nothing to derive
        }

        JsonWebToken token;
        try
        {
            token = new JsonWebToken(accessToken);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var stored = slim.Principal.Identity as ClaimsIdentity;
        var identity = WorkOSClaimsMapper.CreateIdentity(token, stored?.Claims ?? [], stored?.AuthenticationType ?? slim.AuthenticationScheme);
        if (slim.Properties.GetTokenValue(SessionTokens.RefreshToken) is { } refreshToken)
        {
            identity.BootstrapContext = new SessionTokenSet(accessToken, refreshToken, token);
        }

        return new AuthenticationTicket(new ClaimsPrincipal(identity), slim.Properties, slim.AuthenticationScheme);
    }

    private IDataProtector For(string? purpose) => purpose is null ? protector : protector.CreateProtector(purpose);

    private static ClaimsPrincipal Slim(ClaimsPrincipal principal)
    {
        var source = principal.Identities.FirstOrDefault();
        var identity = new ClaimsIdentity(source?.AuthenticationType, WorkOSClaimTypes.Email, WorkOSClaimTypes.Role);
        if (source is not null)
        {
            identity.AddClaims(source.Claims.Where(c => WorkOSClaimsMapper.ProfileClaimTypes.Contains(c.Type)));
        }

        return new ClaimsPrincipal(identity);
    }
}
