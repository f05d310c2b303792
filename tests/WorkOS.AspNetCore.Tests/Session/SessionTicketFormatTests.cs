using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WorkOS.AspNetCore.Api;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>
/// The session cookie's sealed format and the per-process cache of what its identity derives to: each session and
/// each token reads back its own claims, every read is a principal of its own, the cache stays bounded, and cookies
/// sealed before the compact layout still read.
/// </summary>
public sealed class SessionTicketFormatTests : IDisposable
{
    private const string Scheme = WorkOSAuthKitDefaults.CookieScheme;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly IDataProtector _protector = new EphemeralDataProtectionProvider().CreateProtector("session-tests");

    public void Dispose() => _rsa.Dispose();

    private string Token(string userId, string sessionId, params string[] permissions) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["iss"] = "https://api.workos.com/user_management/client_test", ["sub"] = userId, ["sid"] = sessionId,
                ["org_id"] = "org_acme", ["role"] = "member", ["permissions"] = permissions,
                ["iat"] = Now.ToUnixTimeSeconds(), ["exp"] = Now.AddMinutes(5).ToUnixTimeSeconds(),
            },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = "k1" }, SecurityAlgorithms.RsaSha256),
        });

    private static AuthenticationTicket Ticket(string accessToken, string email, string refreshToken = "refresh_1")
    {
        var response = new WorkOSAuthenticationResponse
        {
            AccessToken = accessToken,
            RefreshToken = refreshToken,
            User = new WorkOSUser { Id = "user", Email = email, FirstName = "Dana", LastName = "Scully", EmailVerified = true },
            AuthenticationMethod = "Password",
        };
        var properties = new AuthenticationProperties { IsPersistent = true, IssuedUtc = Now, ExpiresUtc = Now.AddDays(30) };
        SessionTokens.Store(properties, response);
        return new AuthenticationTicket(SessionTokens.CreatePrincipal(response, new JsonWebToken(accessToken), Scheme), properties, Scheme);
    }

    private static string[] Values(ClaimsPrincipal principal, string type) =>
        [.. principal.FindAll(type).Select(c => c.Value)];

    [Fact]
    public void Two_users_reading_in_turn_each_get_their_own_claims_from_the_shared_cache()
    {
        var format = new SessionTicketFormat(_protector, new DerivedClaimsCache());
        var dana = format.Protect(Ticket(Token("user_dana", "session_dana", "posts:read"), "dana@initech.com"));
        var fox = format.Protect(Ticket(Token("user_fox", "session_fox", "posts:write", "posts:delete"), "fox@initech.com"));

        for (var i = 0; i < 3; i++)
        {
            var danaPrincipal = format.Unprotect(dana)!.Principal;
            var foxPrincipal = format.Unprotect(fox)!.Principal;

            Assert.Equal("user_dana", danaPrincipal.GetWorkOSUserId());
            Assert.Equal("dana@initech.com", danaPrincipal.Identity!.Name);
            Assert.Equal(["posts:read"], Values(danaPrincipal, WorkOSClaimTypes.Permission));
            Assert.Equal("user_fox", foxPrincipal.GetWorkOSUserId());
            Assert.Equal("fox@initech.com", foxPrincipal.Identity!.Name);
            Assert.Equal(["posts:write", "posts:delete"], Values(foxPrincipal, WorkOSClaimTypes.Permission));
        }
    }

    [Fact]
    public void Same_token_with_another_stored_profile_does_not_share_the_cached_identity()
    {
        var format = new SessionTicketFormat(_protector, new DerivedClaimsCache());
        var token = Token("user_dana", "session_dana", "posts:read");
        var first = format.Protect(Ticket(token, "dana@initech.com"));
        var second = format.Protect(Ticket(token, "dana.scully@initech.com"));

        Assert.Equal("dana@initech.com", format.Unprotect(first)!.Principal.Identity!.Name);
        Assert.Equal("dana.scully@initech.com", format.Unprotect(second)!.Principal.Identity!.Name);
    }

    [Fact]
    public void Refreshed_token_of_the_same_session_reads_its_new_claims()
    {
        var format = new SessionTicketFormat(_protector, new DerivedClaimsCache());
        var before = format.Protect(Ticket(Token("user_dana", "session_dana", "posts:read"), "dana@initech.com"));
        Assert.Equal(["posts:read"], Values(format.Unprotect(before)!.Principal, WorkOSClaimTypes.Permission));

        var refreshedToken = Token("user_dana", "session_dana", "posts:read", "posts:write");
        var after = format.Unprotect(format.Protect(Ticket(refreshedToken, "dana@initech.com", "refresh_2")))!;

        Assert.Equal(["posts:read", "posts:write"], Values(after.Principal, WorkOSClaimTypes.Permission));
        Assert.Equal(refreshedToken, after.Properties.GetTokenValue(SessionTokens.AccessToken));
        Assert.Equal(refreshedToken, SessionTokens.Of(after.Principal)!.AccessToken);
        Assert.Equal("refresh_2", SessionTokens.Of(after.Principal)!.RefreshToken);
    }

    [Fact]
    public void Requests_of_one_session_decode_its_token_once()
    {
        var format = new SessionTicketFormat(_protector, new DerivedClaimsCache());
        var cookie = format.Protect(Ticket(Token("user_dana", "session_dana", "posts:read"), "dana@initech.com"));

        var first = SessionTokens.Of(format.Unprotect(cookie)!.Principal)!;
        var second = SessionTokens.Of(format.Unprotect(cookie)!.Principal)!;

        Assert.Same(first.Token, second.Token);
        Assert.Same(first.AccessToken, second.AccessToken);
    }

    [Fact]
    public void Each_read_is_a_principal_of_its_own_so_a_changed_principal_never_reaches_the_next_request()
    {
        var format = new SessionTicketFormat(_protector, new DerivedClaimsCache());
        var cookie = format.Protect(Ticket(Token("user_dana", "session_dana", "posts:read"), "dana@initech.com"));

        var first = format.Unprotect(cookie)!;
        var identity = (ClaimsIdentity)first.Principal.Identity!;
        identity.AddClaim(new Claim(WorkOSClaimTypes.Permission, "admin:everything"));
        identity.RemoveClaim(identity.FindFirst(WorkOSClaimTypes.Email));
        identity.FindFirst(WorkOSClaimTypes.Role)!.Properties["changed"] = "yes";
        identity.BootstrapContext = null;
        first.Properties.Items["extra"] = "yes";

        var second = format.Unprotect(cookie)!;
        Assert.Equal(["posts:read"], Values(second.Principal, WorkOSClaimTypes.Permission));
        Assert.Equal("dana@initech.com", second.Principal.Identity!.Name);
        Assert.Empty(second.Principal.FindFirst(WorkOSClaimTypes.Role)!.Properties);
        Assert.NotNull(SessionTokens.Of(second.Principal));
        Assert.False(second.Properties.Items.ContainsKey("extra"));
        Assert.Same(second.Principal.Identity, second.Principal.FindFirst(WorkOSClaimTypes.Role)!.Subject);
    }

    [Fact]
    public void Cache_filled_beyond_its_capacity_stays_bounded_and_evicted_sessions_still_read()
    {
        var cache = new DerivedClaimsCache(capacity: 8);
        var format = new SessionTicketFormat(_protector, cache);
        var cookies = Enumerable.Range(0, 40)
            .Select(i => format.Protect(Ticket(Token($"user_{i}", $"session_{i}", $"doc-{i}:read"), $"user{i}@acme.com")))
            .ToList();

        for (var i = 0; i < cookies.Count; i++)
        {
            Assert.Equal([$"doc-{i}:read"], Values(format.Unprotect(cookies[i])!.Principal, WorkOSClaimTypes.Permission));
            Assert.InRange(cache.Count, 1, 8);
        }

        Assert.Equal("user_0", format.Unprotect(cookies[0])!.Principal.GetWorkOSUserId()); // long evicted: derived again
    }

    [Fact]
    public void Properties_tokens_and_profile_read_back_as_they_were_sealed()
    {
        var format = new SessionTicketFormat(_protector, new DerivedClaimsCache());
        var token = Token("user_dana", "session_dana", "posts:read");
        var ticket = Ticket(token, "dana@initech.com", "refresh_é");
        ticket.Properties.AllowRefresh = false;
        ticket.Properties.Items["app.custom"] = "value ünïcode";
        ticket.Properties.Items[".issued"] = "not a date";

        var read = format.Unprotect(format.Protect(ticket))!;

        Assert.Equal(ticket.Properties.Items.OrderBy(i => i.Key), read.Properties.Items.OrderBy(i => i.Key));
        Assert.Equal(Scheme, read.AuthenticationScheme);
        Assert.Equal(token, read.Properties.GetTokenValue(SessionTokens.AccessToken));
        Assert.Equal("refresh_é", read.Properties.GetTokenValue(SessionTokens.RefreshToken));
        Assert.Equal(ticket.Principal.Claims.Select(c => (c.Type, c.Value, c.ValueType, c.Issuer)),
            read.Principal.Claims.Select(c => (c.Type, c.Value, c.ValueType, c.Issuer)));
        Assert.Equal(Scheme, read.Principal.Identity!.AuthenticationType);
    }

    [Theory]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyX2EifQ.")] // empty signature segment
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyX2EifQ.c2ln.ZXh0cmE.bW9yZQ")] // five parts
    public void Access_token_that_is_not_a_canonical_three_part_jwt_reads_back_exactly(string accessToken)
    {
        var format = new SessionTicketFormat(_protector, new DerivedClaimsCache());

        var read = format.Unprotect(format.Protect(TicketWithOnly(accessToken)))!;

        Assert.Equal(accessToken, read.Properties.GetTokenValue(SessionTokens.AccessToken));
    }

    [Fact]
    public void Access_token_that_is_not_a_jwt_is_refused_on_read()
    {
        var format = new SessionTicketFormat(_protector, new DerivedClaimsCache());

        Assert.Null(format.Unprotect(format.Protect(TicketWithOnly("not-a-jwt"))));
    }

    private static AuthenticationTicket TicketWithOnly(string accessToken)
    {
        var properties = new AuthenticationProperties();
        properties.StoreTokens([new AuthenticationToken { Name = SessionTokens.AccessToken, Value = accessToken }]);
        return new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(Scheme)), properties, Scheme);
    }

    [Fact]
    public void Cookie_sealed_in_the_previous_format_still_reads_with_its_claims_and_tokens()
    {
        var token = Token("user_dana", "session_dana", "posts:read", "posts:write");
        var ticket = Ticket(token, "dana@initech.com");
        // The previous format: the framework's ticket serializer over the profile claims and the properties.
        var profile = new ClaimsIdentity(Scheme, WorkOSClaimTypes.Email, WorkOSClaimTypes.Role);
        profile.AddClaims(ticket.Principal.Claims.Where(c => WorkOSClaimsMapper.ProfileClaimTypes.Contains(c.Type)));
        var previous = Base64UrlTextEncoder.Encode(_protector.Protect(
            TicketSerializer.Default.Serialize(new AuthenticationTicket(new ClaimsPrincipal(profile), ticket.Properties, Scheme))));
        var format = new SessionTicketFormat(_protector, new DerivedClaimsCache());

        var read = format.Unprotect(previous)!;

        Assert.Equal("user_dana", read.Principal.GetWorkOSUserId());
        Assert.Equal("dana@initech.com", read.Principal.Identity!.Name);
        Assert.Equal(["posts:read", "posts:write"], Values(read.Principal, WorkOSClaimTypes.Permission));
        Assert.Equal("refresh_1", SessionTokens.Of(read.Principal)!.RefreshToken);
        Assert.Equal(token, read.Properties.GetTokenValue(SessionTokens.AccessToken));
    }

    [Fact]
    public void Cookie_of_an_unknown_format_or_truncated_is_refused_without_an_exception()
    {
        var format = new SessionTicketFormat(_protector, new DerivedClaimsCache());
        var sealedPayload = _protector.Unprotect(Base64UrlTextEncoder.Decode(
            format.Protect(Ticket(Token("user_dana", "session_dana", "posts:read"), "dana@initech.com"))));
        string Seal(byte[] bytes) => Base64UrlTextEncoder.Encode(_protector.Protect(bytes));

        var future = (byte[])sealedPayload.Clone();
        future[0] = 0x82;

        Assert.NotNull(format.Unprotect(Seal(sealedPayload)));
        Assert.Null(format.Unprotect(Seal(future)));
        Assert.Null(format.Unprotect(Seal([])));
        for (var length = 1; length < sealedPayload.Length; length += 7)
        {
            Assert.Null(format.Unprotect(Seal(sealedPayload[..length])));
        }

        Assert.Null(format.Unprotect(Seal([.. sealedPayload, 0])));
        Assert.Null(format.Unprotect("not-a-sealed-cookie"));
    }
}
