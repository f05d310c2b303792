using System.Globalization;

namespace WorkOS.AspNetCore.Session;

/// <summary>A cookie password and the id a seal names it by.</summary>
internal readonly record struct IronPassword(string Id, string Secret);

/// <summary>
/// The cookie passwords of the AuthKit scheme's options, as <c>iron-session</c> reads a password map: the single
/// <c>CookiePassword</c> is id <c>1</c> (as the Node libraries treat a single password), <c>CookiePasswords</c> adds
/// others; seals are made with the highest id and opened with the one they name.
/// </summary>
internal sealed class IronPasswordSet
{
    private readonly Dictionary<string, string> _secrets;

    private IronPasswordSet(Dictionary<string, string> secrets, IronPassword current)
    {
        _secrets = secrets;
        Current = current;
    }

    /// <summary>The password new seals are made with.</summary>
    public IronPassword Current { get; }

    /// <summary>The secret of the password id a seal names, when this app has it.</summary>
    public string? Find(string id) => _secrets.TryGetValue(id, out var secret) ? secret : null;

    /// <summary>The password set of valid options (see <see cref="Problems"/>); null when no password is set.</summary>
    public static IronPasswordSet? From(string? cookiePassword, IDictionary<string, string> cookiePasswords)
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(cookiePassword))
        {
            secrets["1"] = cookiePassword;
        }

        foreach (var (id, secret) in cookiePasswords)
        {
            secrets.TryAdd(id, secret);
        }

        if (secrets.Count == 0)
        {
            return null;
        }

        var currentId = secrets.Keys.MaxBy(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)!;
        return new IronPasswordSet(secrets, new IronPassword(currentId, secrets[currentId]));
    }

    /// <summary>What is wrong with the cookie passwords of options that use the iron format, with what to set.</summary>
    public static IEnumerable<string> Problems(string? cookiePassword, IDictionary<string, string> cookiePasswords)
    {
        var hint = "set WorkOS:CookiePassword (or the WORKOS_COOKIE_PASSWORD environment variable) to the cookie password "
            + "the Node apps sharing the session use, at least " + IronSeal.MinimumPasswordLength + " characters";
        if (string.IsNullOrEmpty(cookiePassword) && cookiePasswords.Count == 0)
        {
            yield return $"WorkOS SessionCookieFormat is Iron but no cookie password is set: {hint}.";
            yield break;
        }

        if (!string.IsNullOrEmpty(cookiePassword) && cookiePassword.Length < IronSeal.MinimumPasswordLength)
        {
            yield return $"WorkOS CookiePassword is {cookiePassword.Length} characters: {hint}.";
        }

        if (!string.IsNullOrEmpty(cookiePassword) && cookiePasswords.ContainsKey("1"))
        {
            yield return "WorkOS CookiePassword is password id 1, and CookiePasswords names id 1 too: keep one of them.";
        }

        foreach (var (id, secret) in cookiePasswords)
        {
            if (id.Length == 0 || id.Length > 9 || !id.All(char.IsAsciiDigit) || id[0] == '0')
            {
                yield return $"WorkOS CookiePasswords id '{id}' is not a positive whole number (the ids iron-session accepts).";
            }

            if (string.IsNullOrEmpty(secret) || secret.Length < IronSeal.MinimumPasswordLength)
            {
                yield return $"WorkOS CookiePasswords password {id} is {secret?.Length ?? 0} characters: each must be at least {IronSeal.MinimumPasswordLength}.";
            }
        }
    }
}

/// <summary>
/// The password set of a scheme's current options, rebuilt only when the options are (a configuration reload), so a
/// rotation in configuration applies without a restart.
/// </summary>
internal sealed class IronPasswordSource<TOptions>(Microsoft.Extensions.Options.IOptionsMonitor<TOptions> options, string scheme,
    Func<TOptions, IronPasswordSet?> build)
    where TOptions : class
{
    private (TOptions Options, IronPasswordSet? Set)? _current;

    public IronPasswordSet? Get()
    {
        var current = options.Get(scheme);
        if (_current is { } cached && ReferenceEquals(cached.Options, current))
        {
            return cached.Set;
        }

        var set = build(current);
        _current = (current, set);
        return set;
    }
}
