using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// A cookie builder whose <see cref="CookieBuilder.SecurePolicy"/> is <see cref="CookieSecurePolicy.Always"/> unless
/// the app sets one, and that remembers whether it did: only the default is relaxed for http in Development
/// (<see cref="RelaxForDevelopment"/>), so an app that asks for <c>Always</c> keeps it everywhere.
/// </summary>
internal sealed class SecureByDefaultCookieBuilder(Func<TimeSpan>? defaultLifetime = null) : RequestPathBaseCookieBuilder
{
    private CookieSecurePolicy _securePolicy = CookieSecurePolicy.Always;

    /// <summary>Whether the app set <see cref="SecurePolicy"/> (in code or configuration).</summary>
    public bool IsSecurePolicySet { get; private set; }

    public override CookieSecurePolicy SecurePolicy
    {
        get => _securePolicy;
        set
        {
            _securePolicy = value;
            IsSecurePolicySet = true;
        }
    }

    /// <summary>
    /// In Development, a policy the app did not set becomes <see cref="CookieSecurePolicy.SameAsRequest"/>, so sign-in
    /// works over http on a developer's machine; https requests still get <c>Secure</c> cookies.
    /// </summary>
    public static void RelaxForDevelopment(CookieBuilder cookie, bool isDevelopment)
    {
        if (isDevelopment && cookie is SecureByDefaultCookieBuilder { IsSecurePolicySet: false } builder)
        {
            builder._securePolicy = CookieSecurePolicy.SameAsRequest;
        }
    }

    /// <summary>Like the framework's correlation cookie: it expires with the sign-in it belongs to, when given a lifetime.</summary>
    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        if (defaultLifetime is not null && (!Expiration.HasValue || !options.Expires.HasValue))
        {
            options.Expires = expiresFrom.Add(defaultLifetime());
        }

        return options;
    }
}
