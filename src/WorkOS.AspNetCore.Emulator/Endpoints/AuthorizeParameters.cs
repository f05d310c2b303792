using Microsoft.Extensions.Primitives;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>The parameters of <c>GET /user_management/authorize</c> (or of the sign-in page's form post).</summary>
internal sealed class AuthorizeParameters
{
    private static readonly HashSet<string> PageFields = new(StringComparer.Ordinal) { "user_id", "profile_id", "action" };
    private readonly Dictionary<string, string> _values;

    private AuthorizeParameters(Dictionary<string, string> values) => _values = values;

    /// <summary>All parameters as received (first value of each), in order, without the page's own fields.</summary>
    public IEnumerable<KeyValuePair<string, string>> All => _values;

    public string? ClientId => Get("client_id");

    public string? RedirectUri => Get("redirect_uri");

    public string? ResponseType => Get("response_type");

    /// <summary>The state exactly as sent (possibly empty), or <see langword="null"/> when absent.</summary>
    public string? State => _values.TryGetValue("state", out var state) ? state : null;

    public string? Provider => Get("provider");

    public string? ConnectionId => Get("connection_id");

    public string? OrganizationId => Get("organization_id");

    public string? CodeChallenge => Get("code_challenge");

    public string? CodeChallengeMethod => Get("code_challenge_method");

    public string? ScreenHint => Get("screen_hint");

    public string? LoginHint => Get("login_hint");

    public static AuthorizeParameters From(IEnumerable<KeyValuePair<string, StringValues>> source)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in source)
        {
            if (!PageFields.Contains(key))
            {
                values[key] = value.Count > 0 ? value[0] ?? "" : "";
            }
        }

        return new AuthorizeParameters(values);
    }

    public static AuthorizeParameters From(IReadOnlyDictionary<string, string> source) =>
        new(source.Where(p => !PageFields.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

    /// <summary>A parameter's first value, or <see langword="null"/> when absent or empty.</summary>
    public string? Value(string name) => Get(name);

    private string? Get(string name) => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
