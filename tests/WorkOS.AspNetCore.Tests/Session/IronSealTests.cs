using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Time.Testing;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Claims;
using WorkOS.AspNetCore.Session;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Session;

/// <summary>
/// The iron seal and the iron session cookie format against seals made by WorkOS's Node libraries themselves
/// (IronVectors/iron-vectors.json, made by IronVectors/make-iron-vectors.mjs with @workos-inc/node and iron-session):
/// they open, every tampered part is refused, rotation finds the password a seal names, expiry follows the clock.
/// </summary>
public sealed class IronSealTests
{
    private static readonly JsonElement Vectors = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Session", "IronVectors", "iron-vectors.json"))).RootElement;

    private static readonly string Password = Vectors.GetProperty("password").GetString()!;
    private static readonly string OldPassword = Vectors.GetProperty("oldPassword").GetString()!;
    private static readonly string AccessToken = Vectors.GetProperty("accessToken").GetString()!;

    // A week before iron-session's seals (14 days' TTL) expire.
    private readonly FakeTimeProvider _clock = new(Expiration(Vector("ironSession")) - TimeSpan.FromDays(7));
    private readonly TestLogSink _logs = new();

    private static string Vector(string name) => Vectors.GetProperty(name).GetString()!;

    private static WorkOSAuthKitOptions Options(string? password = null, params (string Id, string Secret)[] more)
    {
        var options = new WorkOSAuthKitOptions { SessionCookieFormat = WorkOSSessionCookieFormat.Iron, CookiePassword = password };
        foreach (var (id, secret) in more)
        {
            options.CookiePasswords[id] = secret;
        }

        return options;
    }

    private IronSessionTicketFormat Format(WorkOSAuthKitOptions options) =>
        new(WorkOSAuthKitDefaults.CookieScheme, WorkOSAuthKitDefaults.AuthenticationScheme,
            new CookieAuthenticationOptions { Cookie = { Name = WorkOSAuthKitDefaults.SessionCookieName }, ExpireTimeSpan = TimeSpan.FromDays(30) },
            () => IronPasswordSet.From(options.CookiePassword, options.CookiePasswords), _clock,
            () => new AuthenticationFailureException("too large", new SignInFailureException(500, "session_too_large", "too large")), _logs.CreateLogger("iron"));

    private string RefusalReason() => Assert.Single(_logs.Entries, e => e.EventId.Id == 1951).Message;

    [Fact]
    public void Session_sealed_by_workos_node_opens_with_the_user_claims_organization_and_impersonator()
    {
        var ticket = Format(Options(Password)).Unprotect(Vector("workosNode"));

        Assert.NotNull(ticket);
        var user = ticket.Principal;
        Assert.Equal("user_vectors", user.FindFirstValue(WorkOSClaimTypes.UserId));
        Assert.Equal("session_vectors", user.FindFirstValue(WorkOSClaimTypes.SessionId));
        Assert.Equal("org_vectors", user.FindFirstValue(WorkOSClaimTypes.OrganizationId));
        Assert.Equal("vera@example.com", user.Identity!.Name);
        Assert.Equal("Vera Vector", user.FindFirstValue(WorkOSClaimTypes.Name));
        Assert.Equal("true", user.FindFirstValue(WorkOSClaimTypes.EmailVerified));
        Assert.Equal("https://example.com/vera.png", user.FindFirstValue(WorkOSClaimTypes.Picture));
        Assert.Equal("Password", user.FindFirstValue(WorkOSClaimTypes.AuthenticationMethod));
        Assert.Equal("support@example.com", user.FindFirstValue(WorkOSClaimTypes.Impersonator));
        Assert.Equal("Ticket 42", user.FindFirstValue(WorkOSClaimTypes.ImpersonatorReason));
        Assert.True(user.IsInRole("admin"));
        Assert.Equal(["reports:read", "reports:write"], user.FindAll(WorkOSClaimTypes.Permission).Select(c => c.Value));
        Assert.Equal(AccessToken, ticket.Properties.GetTokenValue("access_token"));
        Assert.Equal("refresh_vectors", ticket.Properties.GetTokenValue("refresh_token"));
        // @workos-inc/node seals without a TTL or issue time: the session counts from now, for the cookie's lifetime.
        Assert.Equal(_clock.GetUtcNow().ToUnixTimeSeconds(), ticket.Properties.IssuedUtc?.ToUnixTimeSeconds());
        Assert.Equal(_clock.GetUtcNow().AddDays(30).ToUnixTimeSeconds(), ticket.Properties.ExpiresUtc?.ToUnixTimeSeconds());
        Assert.True(ticket.Properties.IsPersistent);
        Assert.Equal(WorkOSAuthKitDefaults.CookieScheme, ticket.AuthenticationScheme);
    }

    [Fact]
    public void Session_sealed_by_iron_session_opens_and_its_ttl_becomes_the_ticket_expiry()
    {
        var ticket = Format(Options(Password)).Unprotect(Vector("ironSession"));

        Assert.NotNull(ticket);
        Assert.Equal("vera@example.com", ticket.Principal.FindFirstValue(WorkOSClaimTypes.Email));
        Assert.Equal("support@example.com", ticket.Principal.FindFirstValue(WorkOSClaimTypes.Impersonator));
        Assert.Equal(Expiration(Vector("ironSession")).ToUnixTimeSeconds(), ticket.Properties.ExpiresUtc?.ToUnixTimeSeconds());
    }

    [Fact]
    public void Rotated_seal_opens_with_the_password_its_id_names_and_new_seals_use_the_highest_id()
    {
        var options = Options(OldPassword, ("2", Password));
        var format = Format(options);

        Assert.NotNull(format.Unprotect(Vector("ironSessionRotated")));
        var ticket = format.Unprotect(Vector("workosNode")); // id 1 under the old password: not this one
        Assert.Null(ticket);
        Assert.Contains("tampered", RefusalReason(), StringComparison.Ordinal);

        var resealed = format.Protect(format.Unprotect(Vector("ironSessionRotated"))!);
        Assert.StartsWith("Fe26.2*2*", resealed, StringComparison.Ordinal);
        Assert.NotNull(Format(Options(null, ("2", Password))).Unprotect(resealed));
    }

    [Fact]
    public void Seal_naming_a_password_id_this_app_lacks_is_refused()
    {
        Assert.Null(Format(Options(Password)).Unprotect(Vector("ironSessionRotated")));
        Assert.Contains("password id", RefusalReason(), StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_password_is_refused()
    {
        Assert.Null(Format(Options("another-cookie-password-of-at-least-32-characters")).Unprotect(Vector("workosNode")));
        Assert.Contains("tampered, or sealed with another password", RefusalReason(), StringComparison.Ordinal);
    }

    public static TheoryData<int, string> SealParts() => new()
    {
        { 0, "not an iron seal" }, // the prefix
        { 1, "password id" },
        { 2, "tampered" }, // the encryption salt
        { 3, "tampered" }, // the iv
        { 4, "tampered" }, // the ciphertext
        { 5, "tampered" }, // the expiration
        { 6, "tampered" }, // the integrity salt
        { 7, "tampered" }, // the HMAC
    };

    [Theory]
    [MemberData(nameof(SealParts))]
    public void Each_tampered_part_of_the_seal_is_refused(int part, string reason)
    {
        var seal = Vector("ironSession");
        var parts = seal[..^2].Split('*');
        parts[part] = Tamper(parts[part]);

        Assert.Null(Format(Options(Password)).Unprotect(string.Join('*', parts) + "~2"));
        Assert.Contains(reason, RefusalReason(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("~3")]
    [InlineData("~")]
    [InlineData("~2~2")]
    [InlineData("*")]
    public void Seal_with_another_version_or_extra_parts_is_refused(string suffix)
    {
        Assert.Null(Format(Options(Password)).Unprotect(Vector("ironSession")[..^2] + suffix));
        Assert.Contains("not an iron seal", RefusalReason(), StringComparison.Ordinal);
    }

    [Fact]
    public void Seal_without_the_node_version_suffix_opens_as_iron_writes_it()
    {
        Assert.NotNull(Format(Options(Password)).Unprotect(Vector("ironSession")[..^2]));
    }

    [Fact]
    public void Seal_opens_until_its_expiration_plus_iron_clock_skew_then_is_refused()
    {
        var seal = Vector("ironSession");
        var format = Format(Options(Password));
        _clock.SetUtcNow(Expiration(seal) + TimeSpan.FromSeconds(59));
        Assert.NotNull(format.Unprotect(seal));

        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(format.Unprotect(seal));
        Assert.Contains("expired", RefusalReason(), StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_input_is_refused_before_any_key_is_derived()
    {
        // Authentic, and otherwise a session: only its size refuses it.
        var payload = $"{{\"accessToken\":\"{AccessToken}\",\"refreshToken\":\"{new string('r', 4000)}\"}}";
        var seal = IronSeal.Seal(Encoding.UTF8.GetBytes(payload), IronPasswordSet.From(Password, new Dictionary<string, string>())!.Current, null);

        Assert.True(seal.Length > 4096);
        Assert.Null(Format(Options(Password)).Unprotect(seal));
        Assert.Contains("not an iron seal", RefusalReason(), StringComparison.Ordinal);
    }

    [Fact]
    public void Authentic_seal_whose_json_is_not_a_session_is_refused()
    {
        var passwords = IronPasswordSet.From(Password, new Dictionary<string, string>())!;
        var format = Format(Options(Password));
        Assert.Null(format.Unprotect(IronSeal.Seal("[1,2]"u8, passwords.Current, null)));
        Assert.Null(format.Unprotect(IronSeal.Seal("{\"refreshToken\":\"r\"}"u8, passwords.Current, null)));
        Assert.Null(format.Unprotect(IronSeal.Seal(Encoding.UTF8.GetBytes($"{{\"accessToken\":\"{AccessToken}\",\"user\":{{\"id\":\"user_other\"}}}}"), passwords.Current, null)));
        Assert.Equal(3, _logs.Entries.Count(e => e.EventId.Id == 1951));
    }

    [Fact]
    public void Own_seal_has_the_node_layout_and_carries_the_session_json_authkit_nextjs_reads()
    {
        var format = Format(Options(Password));
        var ticket = format.Unprotect(Vector("workosNode"))!;
        ticket.Properties.ExpiresUtc = _clock.GetUtcNow().AddDays(30);

        var seal = format.Protect(ticket);

        Assert.Matches(@"^Fe26\.2\*1\*[0-9a-f]{64}\*[A-Za-z0-9_-]{22}\*[A-Za-z0-9_-]+\*[1-9][0-9]*\*[0-9a-f]{64}\*[A-Za-z0-9_-]{43}~2$", seal);
        Assert.Equal(_clock.GetUtcNow().AddDays(30).ToUnixTimeSeconds(), Expiration(seal).ToUnixTimeSeconds());
        var opened = IronSeal.Unseal(seal, IronPasswordSet.From(Password, new Dictionary<string, string>())!, _clock.GetUtcNow(), 4096);
        using var json = JsonDocument.Parse(opened.Payload);
        var root = json.RootElement;
        Assert.Equal(AccessToken, root.GetProperty("accessToken").GetString());
        Assert.Equal("refresh_vectors", root.GetProperty("refreshToken").GetString());
        Assert.Equal("user_vectors", root.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal("vera@example.com", root.GetProperty("user").GetProperty("email").GetString());
        Assert.True(root.GetProperty("user").GetProperty("emailVerified").GetBoolean());
        Assert.Equal("Vera", root.GetProperty("user").GetProperty("firstName").GetString());
        Assert.Equal("support@example.com", root.GetProperty("impersonator").GetProperty("email").GetString());
        Assert.Equal("Ticket 42", root.GetProperty("impersonator").GetProperty("reason").GetString());
        Assert.Equal("org_vectors", root.GetProperty("organizationId").GetString());

        var again = format.Unprotect(seal)!;
        Assert.Equal(ticket.Principal.Claims.Select(c => (c.Type, c.Value)), again.Principal.Claims.Select(c => (c.Type, c.Value)));
        Assert.Equal(ticket.Properties.ExpiresUtc, again.Properties.ExpiresUtc);
        Assert.True(again.Properties.IsPersistent);
    }

    [Fact]
    public void Session_too_large_for_one_cookie_is_not_written_and_is_logged()
    {
        var format = Format(Options(Password));
        var ticket = format.Unprotect(Vector("workosNode"))!;
        ticket.Properties.Items["app-data"] = new string('x', 4000);

        var error = Assert.Throws<AuthenticationFailureException>(() => format.Protect(ticket));

        Assert.Equal("session_too_large", Assert.IsType<SignInFailureException>(error.InnerException).Error);
        Assert.Single(_logs.Entries, e => e.EventId.Id == 1952);
    }

    /// <summary>The first character of a part changed, so the part stays well formed (hex stays hex, base64url stays canonical).</summary>
    private static string Tamper(string part) =>
        (part[0] is >= '1' and <= '8' ? (char)(part[0] + 1) : part[0] == 'F' ? 'G' : part[0] == 'A' ? 'B' : 'A') + part[1..];

    private static DateTimeOffset Expiration(string seal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(seal[..^2].Split('*')[5], System.Globalization.CultureInfo.InvariantCulture));
}
