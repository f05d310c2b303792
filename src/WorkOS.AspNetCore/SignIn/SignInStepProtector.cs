using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.SignIn;

/// <summary>
/// Protects the pending steps of custom sign-ins. A step is WorkOS's pending authentication token and what its next step
/// needs, encrypted and signed with the app's data protection keys (a purpose of its own, named for the scheme) and
/// time-limited to <see cref="WorkOSAuthKitOptions.SignInStepLifetime"/> on the app's <see cref="TimeProvider"/>. It is
/// bound to the browser that started the sign-in: it carries the hash of a random nonce held in an HttpOnly cookie of
/// that browser, and a sign-in that completes replaces the nonce, so its steps stop working there too.
/// </summary>
internal sealed class SignInStepProtector
{
    /// <summary>The longest step read; a longer one is refused before it is decrypted.</summary>
    public const int MaxStepLength = 8 * 1024;

    /// <summary>The most organizations a step keeps (WorkOS's list is cut to these).</summary>
    public const int MaxOrganizations = 50;

    /// <summary>The longest organization name a step keeps.</summary>
    public const int MaxOrganizationName = 200;

    /// <summary>
    /// How long after its expiry on the app's clock the data protection payload itself expires (on the system clock):
    /// within it an expired step is told apart from a tampered one; after it, it is refused as invalid.
    /// </summary>
    internal static readonly TimeSpan ExpiryGrace = TimeSpan.FromMinutes(5);

    private const int NonceBytes = 32;
    private static readonly object NonceItem = new();

    private readonly ITimeLimitedDataProtector _protector;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SignInStepProtector(string scheme, IDataProtectionProvider dataProtection, TimeProvider time, ILogger logger)
    {
        _protector = dataProtection.CreateProtector("WorkOS.AspNetCore.SignIn.Step", scheme, "v1").ToTimeLimitedDataProtector();
        _time = time;
        _logger = logger;
    }

    /// <summary>The step for the page, bound to this browser (whose nonce cookie is written when it has none yet).</summary>
    public string Protect(HttpContext context, WorkOSAuthKitOptions options, SignInStep step)
    {
        var nonce = CurrentNonce(context, options) ?? WriteNonce(context, options);
        step.BrowserHash = Hash(nonce);
        var expires = _time.GetUtcNow() + options.SignInStepLifetime;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(step, SignInStepJsonContext.Default.SignInStep);
        return WebEncoders.Base64UrlEncode(_protector.Protect(bytes, expires + ExpiryGrace));
    }

    /// <summary>
    /// The step <paramref name="protectedStep"/> carries when it is genuine, unexpired and bound to this browser;
    /// otherwise <see langword="null"/> with the library's error code (<c>step_invalid</c>, <c>step_expired</c>), logged.
    /// </summary>
    public SignInStep? Unprotect(HttpContext context, WorkOSAuthKitOptions options, string? protectedStep, out string error)
    {
        error = "step_invalid";
        if (string.IsNullOrEmpty(protectedStep) || protectedStep.Length > MaxStepLength)
        {
            _logger.StepRefused(string.IsNullOrEmpty(protectedStep) ? "it is missing" : "it is too long");
            return null;
        }

        SignInStep? step;
        DateTimeOffset expiration;
        try
        {
            var bytes = _protector.Unprotect(WebEncoders.Base64UrlDecode(protectedStep), out expiration);
            step = JsonSerializer.Deserialize(bytes, SignInStepJsonContext.Default.SignInStep);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            _logger.StepRefused("it was altered, issued by another application or key, or expired long ago");
            return null;
        }

        if (step is null || string.IsNullOrEmpty(step.PendingToken) || !Enum.IsDefined(step.Kind))
        {
            _logger.StepRefused("it carries no pending token");
            return null;
        }

        if (expiration - ExpiryGrace <= _time.GetUtcNow())
        {
            error = "step_expired";
            _logger.StepExpired(step.Kind.ToString(), expiration - ExpiryGrace);
            return null;
        }

        var nonce = CurrentNonce(context, options);
        if (nonce is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(nonce)), Encoding.ASCII.GetBytes(step.BrowserHash)))
        {
            _logger.StepRefused(nonce is null
                ? "this browser holds no sign-in step cookie (another browser, or the cookie expired)"
                : "it was started in another browser, or its sign-in already completed");
            return null;
        }

        return step;
    }

    /// <summary>Ends every step of this browser: the sign-in completed, so a replayed step is refused here before WorkOS sees it.</summary>
    public void Complete(HttpContext context, WorkOSAuthKitOptions options) => WriteNonce(context, options);

    /// <summary>The name of the cookie that binds the scheme's steps to the browser.</summary>
    public static string CookieName(WorkOSAuthKitOptions options) => (options.CorrelationCookie.Name ?? WorkOSAuthKitDefaults.PendingSignInCookieName) + "-step";

    private static string? CurrentNonce(HttpContext context, WorkOSAuthKitOptions options)
    {
        if (context.Items.TryGetValue(NonceItem, out var written) && written is string fresh)
        {
            return fresh; // written by this response: the browser will hold it
        }

        var value = context.Request.Cookies[CookieName(options)];
        return value is { Length: 43 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? value : null;
    }

    private string WriteNonce(HttpContext context, WorkOSAuthKitOptions options)
    {
        var nonce = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(NonceBytes));
        var template = options.CorrelationCookie;
        var cookie = new CookieBuilder
        {
            Name = CookieName(options),
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            SecurePolicy = template.SecurePolicy,
            IsEssential = true,
            Domain = template.Domain,
            Path = "/",
        };
        var now = _time.GetUtcNow();
        var cookieOptions = cookie.Build(context, now);
        cookieOptions.Expires = now + options.SignInStepLifetime + ExpiryGrace;
        context.Response.Cookies.Append(cookie.Name, nonce, cookieOptions);
        context.Items[NonceItem] = nonce;
        return nonce;
    }

    private static string Hash(string nonce) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(nonce)));
}
