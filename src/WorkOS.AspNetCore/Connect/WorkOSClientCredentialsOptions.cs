namespace WorkOS.AspNetCore.Connect;

/// <summary>
/// Options of the client credentials handler of an <see cref="HttpClient"/> (<c>AddWorkOSClientCredentials</c>): the
/// machine-to-machine application whose tokens the client's requests carry.
/// </summary>
public class WorkOSClientCredentialsOptions
{
    /// <summary>The M2M application's client id. Required.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The M2M application's client secret. Required; sent to the token endpoint only, never to the API.</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>The scopes asked for (sent space-separated as <c>scope</c>); empty asks for the application's default scopes.</summary>
    public IList<string> Scopes { get; } = new List<string>();

    /// <summary>The AuthKit domain; the token endpoint is its <c>/oauth2/token</c>. Give this or <see cref="TokenEndpoint"/>.</summary>
    public string? Domain { get; set; }

    /// <summary>The token endpoint, when it is not the <see cref="Domain"/>'s <c>/oauth2/token</c>.</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>A resource indicator (RFC 8707) asked for as the tokens' audience, if any.</summary>
    public string? Resource { get; set; }

    /// <summary>
    /// Whether the client authenticates with HTTP Basic (<c>client_secret_basic</c>) rather than <c>client_id</c> and
    /// <c>client_secret</c> in the form body (<c>client_secret_post</c>, the default, as WorkOS documents it).
    /// </summary>
    public bool UseBasicAuthentication { get; set; }

    /// <summary>How long before its expiry a token is replaced. Defaults to 60 seconds.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether a plain-http token endpoint is accepted (for a local emulator). Defaults to <see langword="false"/>.</summary>
    public bool AllowHttpTokenEndpoint { get; set; }

    internal string? ResolvedTokenEndpoint =>
        !string.IsNullOrEmpty(TokenEndpoint) ? TokenEndpoint : string.IsNullOrEmpty(Domain) ? null : Domain.TrimEnd('/') + "/oauth2/token";
}
