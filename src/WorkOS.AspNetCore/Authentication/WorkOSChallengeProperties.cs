using System.Globalization;
using Microsoft.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// Per-challenge options of the WorkOS AuthKit scheme: what to ask AuthKit for on this one sign-in.
/// Pass to <c>HttpContext.ChallengeAsync</c> or <c>Results.Challenge</c>.
/// </summary>
public class WorkOSChallengeProperties : AuthenticationProperties
{
    internal const string ScreenHintKey = "screen_hint";
    internal const string LoginHintKey = "login_hint";
    internal const string OrganizationIdKey = "organization_id";
    internal const string ConnectionIdKey = "connection_id";
    internal const string DomainHintKey = "domain_hint";
    internal const string PromptKey = "prompt";
    internal const string MaxAgeKey = "max_age";
    internal const string InvitationTokenKey = "invitation_token";

    /// <summary>The keys of <see cref="AuthenticationProperties.Parameters"/> sent to the authorize endpoint as they are.</summary>
    internal static readonly string[] AuthorizeParameterKeys =
        [ScreenHintKey, LoginHintKey, OrganizationIdKey, ConnectionIdKey, DomainHintKey, PromptKey, MaxAgeKey, InvitationTokenKey];

    /// <summary>Creates empty properties.</summary>
    public WorkOSChallengeProperties()
    {
    }

    /// <summary>Creates properties that return to <paramref name="redirectUri"/> after sign-in.</summary>
    public WorkOSChallengeProperties(string? redirectUri) => RedirectUri = redirectUri;

    /// <summary>Which AuthKit screen to open first: <c>sign-up</c> or <c>sign-in</c>.</summary>
    public string? ScreenHint { get => Get(ScreenHintKey); set => Set(ScreenHintKey, value); }

    /// <summary>An email address to pre-fill on the AuthKit sign-in screen.</summary>
    public string? LoginHint { get => Get(LoginHintKey); set => Set(LoginHintKey, value); }

    /// <summary>Signs in to this organization (<c>org_...</c>): AuthKit applies its SSO or policies.</summary>
    public string? OrganizationId { get => Get(OrganizationIdKey); set => Set(OrganizationIdKey, value); }

    /// <summary>Signs in through this SSO connection (<c>conn_...</c>) instead of the AuthKit screen.</summary>
    public string? ConnectionId { get => Get(ConnectionIdKey); set => Set(ConnectionIdKey, value); }

    /// <summary>A domain that routes the user to the right SSO connection.</summary>
    public string? DomainHint { get => Get(DomainHintKey); set => Set(DomainHintKey, value); }

    /// <summary>The <c>prompt</c> parameter, for example <c>consent</c>.</summary>
    public string? Prompt { get => Get(PromptKey); set => Set(PromptKey, value); }

    /// <summary>Forces a fresh authentication when the last one is older than this.</summary>
    public TimeSpan? MaxAge
    {
        get => long.TryParse(Get(MaxAgeKey), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s) : null;
        set => Set(MaxAgeKey, value is { } v ? ((long)v.TotalSeconds).ToString(CultureInfo.InvariantCulture) : null);
    }

    /// <summary>An invitation token, so the user accepts the invitation while signing in or up.</summary>
    public string? InvitationToken { get => Get(InvitationTokenKey); set => Set(InvitationTokenKey, value); }

    /// <summary>Further query parameters to send to the authorize endpoint.</summary>
    public IDictionary<string, string> ExtraParameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    private string? Get(string key) => GetParameter<string>(key);

    private void Set(string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Parameters.Remove(key);
        }
        else
        {
            SetParameter(key, value);
        }
    }
}
