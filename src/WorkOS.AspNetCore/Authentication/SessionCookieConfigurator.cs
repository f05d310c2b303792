using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Session;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// The session cookie's defaults, applied before the app's own cookie configuration so the app can override any
/// of them: the sealed session format, a small cookie named like WorkOS's own libraries, 403 for forbidden, and 401 instead
/// of a redirect for API clients.
/// </summary>
internal sealed class SessionCookieConfigurator(string cookieScheme, string authKitScheme, IDataProtectionProvider dataProtection,
    SessionCookieValidator validator, IHostEnvironment? environment = null, ILogger<SessionTicketFormat>? formatLogger = null,
    IOptionsMonitor<WorkOSAuthKitOptions>? authKitOptions = null, TimeProvider? timeProvider = null)
    : IConfigureNamedOptions<CookieAuthenticationOptions>, IPostConfigureOptions<CookieAuthenticationOptions>
{
    public string CookieScheme => cookieScheme;

    public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, CookieAuthenticationOptions options)
    {
        if (name != cookieScheme)
        {
            return;
        }

        // Secure unless the app chooses otherwise: the cookie holds the refresh token, and SameAsRequest would drop
        // Secure behind a TLS-terminating proxy that does not forward the scheme. Relaxed for http in Development only.
        options.Cookie = new SecureByDefaultCookieBuilder
        {
            Name = WorkOSAuthKitDefaults.SessionCookieName,
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
        };
        options.ExpireTimeSpan = TimeSpan.FromDays(30);
        options.SlidingExpiration = true;
        options.LoginPath = WorkOSAuthKitDefaults.EndpointPrefix + "/sign-in";
        options.ReturnUrlParameter = "returnUrl";
        options.TicketDataFormat = new SessionTicketFormat(
            dataProtection.CreateProtector("WorkOS.AspNetCore.Session", cookieScheme, "v1"), logger: formatLogger);
        if (authKitOptions is not null && IronFormat(authKitOptions))
        {
            // The Node libraries read one cookie: never split it.
            options.TicketDataFormat = new IronSessionTicketFormat(cookieScheme, authKitScheme, options,
                new IronPasswordSource<WorkOSAuthKitOptions>(authKitOptions, authKitScheme, o => IronPasswordSet.From(o.CookiePassword, o.CookiePasswords)).Get,
                timeProvider ?? TimeProvider.System,
                () => new AuthenticationFailureException("The session is too large for one iron session cookie.",
                    new SignInFailureException(StatusCodes.Status500InternalServerError, "session_too_large", "The session is too large to be kept in one cookie.")),
                formatLogger);
            options.CookieManager = new ChunkingCookieManager { ChunkSize = null };
        }
        options.Events.OnRedirectToLogin = context =>
        {
            // An API client (fetch, XHR, a service: see PageNavigation) gets 401 with where to sign in, never a
            // redirect to an HTML page it cannot use; a browser navigation is redirected to sign in.
            if (PageNavigation.IsNavigation(context.Request))
            {
                context.Response.Redirect(context.RedirectUri);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = PageNavigation.Challenge(authKitScheme,
                    (context.Request.PathBase + context.Options.LoginPath).ToUriComponent());
            }

            return Task.CompletedTask;
        };
        options.Events.OnRedirectToAccessDenied = context =>
        {
            // A signed-in user who fails a policy gets 403, as ASP.NET developers expect, not a redirect to a page
            // the app may not have. An app that sets its own AccessDeniedPath gets the redirect to it, for page
            // navigations only: an API client always gets 403.
            if (context.Options.AccessDeniedPath == CookieAuthenticationDefaults.AccessDeniedPath || !PageNavigation.IsNavigation(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
            }
            else
            {
                context.Response.Redirect(context.RedirectUri);
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Whether the AuthKit scheme chose the iron format; invalid AuthKit options are reported by their own validation.</summary>
    private bool IronFormat(IOptionsMonitor<WorkOSAuthKitOptions> authKitOptions)
    {
        try
        {
            return authKitOptions.Get(authKitScheme).SessionCookieFormat == WorkOSSessionCookieFormat.Iron;
        }
        catch (OptionsValidationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Relaxes the cookie's default secure policy for http in Development (see <see cref="SecureByDefaultCookieBuilder"/>) and puts the session refresh in front of whatever <c>OnValidatePrincipal</c> the app configured, so replacing the
    /// cookie events does not switch refresh off.
    /// </summary>
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name != cookieScheme)
        {
            return;
        }

        SecureByDefaultCookieBuilder.RelaxForDevelopment(options.Cookie, environment?.IsDevelopment() == true);
        var appHandler = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            await validator.ValidateAsync(context, authKitScheme);
            if (context.Principal is not null)
            {
                await appHandler(context);
            }
        };
    }
}
