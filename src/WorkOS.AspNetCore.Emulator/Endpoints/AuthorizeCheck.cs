using WorkOS.AspNetCore.Emulator.Hosting;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// The outcome of checking authorize parameters. Problems with the client or redirect URI are shown as a page
/// (never redirect to an unverified URI); all others go back to the redirect URI as <c>error=...</c>.
/// </summary>
internal sealed record AuthorizeCheck(string? PageError, string? RedirectError, string? Description, string AuthenticationMethod)
{
    public bool IsValid => PageError is null && RedirectError is null;

    public static AuthorizeCheck Run(AuthorizeParameters p, EmulatorCore core)
    {
        if (CheckClient(p, core) is { } clientProblem)
        {
            return clientProblem;
        }

        var selectors = (p.Provider is null ? 0 : 1) + (p.ConnectionId is null ? 0 : 1);
        if (selectors > 1 || (p.ConnectionId is not null && p.OrganizationId is not null))
        {
            return Redirect("ambiguous_connection_selector", "Give only one of provider, connection_id or organization_id.");
        }

        if (p.Provider is null && p.ConnectionId is null && p.OrganizationId is null)
        {
            return Redirect("invalid_connection_selector", "A connection selector is required: provider=authkit, connection_id or organization_id.");
        }

        if (p.Provider is not null && p.Provider != "authkit")
        {
            return Redirect("invalid_connection_selector", $"The emulator supports provider=authkit only, not '{p.Provider}'.");
        }

        if (p.OrganizationId is not null && !core.Store.OrganizationExists(p.OrganizationId))
        {
            return Redirect("organization_invalid", $"There is no organization matching the ID '{p.OrganizationId}'.");
        }

        return new AuthorizeCheck(null, null, null, p.Provider == "authkit" ? "Password" : "SSO");
    }

    /// <summary>
    /// The checks every authorize endpoint shares: the client id, the redirect URI (a page on failure), then
    /// <c>response_type=code</c> and an <c>S256</c> PKCE challenge (back to the redirect URI); <see langword="null"/> when they pass.
    /// </summary>
    public static AuthorizeCheck? CheckClient(AuthorizeParameters p, EmulatorCore core)
    {
        var options = core.Options;
        if (p.ClientId is null || !string.Equals(p.ClientId, options.ClientId, StringComparison.Ordinal))
        {
            return Page(p.ClientId is null ? "The client_id parameter is required." : $"Invalid client ID '{p.ClientId}'.");
        }

        if (p.RedirectUri is null)
        {
            return Page("The redirect_uri parameter is required.");
        }

        if (!RedirectUriPolicy.IsAllowed(p.RedirectUri, options.RedirectUris))
        {
            return Page($"The redirect URI '{p.RedirectUri}' is not registered for this client.");
        }

        if (p.ResponseType != "code")
        {
            return Redirect("invalid_request", "response_type must be 'code'.");
        }

        if (p.CodeChallenge is not null && p.CodeChallengeMethod != "S256")
        {
            return Redirect("invalid_request", "code_challenge_method must be 'S256' when a code_challenge is given.");
        }

        return null;
    }

    private static AuthorizeCheck Page(string message) => new(message, null, null, "");

    private static AuthorizeCheck Redirect(string error, string description) => new(null, error, description, "");
}
