using Microsoft.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.Sso;

/// <summary>
/// Per-challenge options of the WorkOS SSO scheme. Set exactly one selector (<see cref="ConnectionId"/>,
/// <see cref="OrganizationId"/> or <see cref="Provider"/>), here, in <see cref="WorkOSSsoEvents.OnResolveSelector"/> or
/// in the options; none or more than one refuses the sign-in before any redirect.
/// </summary>
public class WorkOSSsoChallengeProperties : AuthenticationProperties
{
    internal const string ConnectionKey = "connection";
    internal const string OrganizationKey = "organization";
    internal const string ProviderKey = "provider";
    internal const string DomainHintKey = "domain_hint";
    internal const string LoginHintKey = "login_hint";
    internal const string PromptKey = "prompt";
    internal const string ProviderScopesKey = "provider_scopes";

    /// <summary>The selector keys, exactly one of which a sign-in sends.</summary>
    internal static readonly string[] SelectorKeys = [ConnectionKey, OrganizationKey, ProviderKey];

    /// <summary>Creates empty properties.</summary>
    public WorkOSSsoChallengeProperties()
    {
    }

    /// <summary>Creates properties that return to <paramref name="redirectUri"/> (a path of this app) after sign-in.</summary>
    public WorkOSSsoChallengeProperties(string? redirectUri) => RedirectUri = redirectUri;

    /// <summary>Signs in through this connection (<c>conn_...</c>).</summary>
    public string? ConnectionId { get => Get(ConnectionKey); set => Set(ConnectionKey, value); }

    /// <summary>Signs in through the connection of this organization (<c>org_...</c>).</summary>
    public string? OrganizationId { get => Get(OrganizationKey); set => Set(OrganizationKey, value); }

    /// <summary>Signs in through an OAuth provider: <c>GoogleOAuth</c>, <c>MicrosoftOAuth</c>, <c>GitHubOAuth</c> or <c>AppleOAuth</c>.</summary>
    public string? Provider { get => Get(ProviderKey); set => Set(ProviderKey, value); }

    /// <summary>A domain that pre-fills the identity provider's sign-in page (OAuth providers).</summary>
    public string? DomainHint { get => Get(DomainHintKey); set => Set(DomainHintKey, value); }

    /// <summary>An email address that pre-fills the identity provider's sign-in page.</summary>
    public string? LoginHint { get => Get(LoginHintKey); set => Set(LoginHintKey, value); }

    /// <summary>Asks the identity provider to authenticate the user again (<c>prompt=login</c>) even with a session there.</summary>
    public bool ForceLogin { get => Get(PromptKey) == "login"; set => Set(PromptKey, value ? "login" : null); }

    /// <summary>Extra OAuth scopes to request from the provider (sent as <c>provider_scopes</c>, space-separated).</summary>
    public IReadOnlyList<string>? ProviderScopes
    {
        get => Get(ProviderScopesKey)?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        set => Set(ProviderScopesKey, value is { Count: > 0 } ? string.Join(' ', value) : null);
    }

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
