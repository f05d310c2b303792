using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WorkOS.AspNetCore.Authentication;

/// <summary>
/// Fills in what the remote scheme needs and the user did not set: the client settings from
/// <see cref="WorkOSClientOptions"/>, the redirect URI from <c>WORKOS_REDIRECT_URI</c>, the cookie password from <c>WORKOS_COOKIE_PASSWORD</c>, the state protector and data
/// protection, and in Development a pending-sign-in cookie that also works over http when the app chose no secure policy.
/// </summary>
internal sealed class WorkOSAuthKitPostConfigureOptions(IDataProtectionProvider dataProtection, IOptionsMonitor<WorkOSClientOptions> client,
    IServiceProvider services, IHostEnvironment? environment = null)
    : IPostConfigureOptions<WorkOSAuthKitOptions>
{
    public void PostConfigure(string? name, WorkOSAuthKitOptions options)
    {
        var settings = client.CurrentValue;
        if (string.IsNullOrEmpty(options.ClientId))
        {
            options.ClientId = settings.ClientId;
        }

        if (string.IsNullOrEmpty(options.ApiKey))
        {
            options.ApiKey = settings.ApiKey;
        }

        if (string.IsNullOrEmpty(options.ApiBaseUrl))
        {
            // The opt-in for plain http travels with the base URL it was given for.
            options.ApiBaseUrl = settings.ApiBaseUrl;
            options.AllowHttpApiBaseUrl |= settings.AllowHttpApiBaseUrl;
        }

        if (string.IsNullOrEmpty(options.RedirectUri)
            && WorkOSClientOptionsSetup.ConfigurationOf(services)?["WORKOS_REDIRECT_URI"] is { Length: > 0 } redirectUri)
        {
            options.RedirectUri = redirectUri;
        }

        if (string.IsNullOrEmpty(options.CookiePassword)
            && WorkOSClientOptionsSetup.ConfigurationOf(services)?["WORKOS_COOKIE_PASSWORD"] is { Length: > 0 } cookiePassword)
        {
            options.CookiePassword = cookiePassword; // the variable authkit-nextjs reads
        }

        if (options.ValidIssuers.Count == 0)
        {
            foreach (var issuer in settings.ValidIssuers)
            {
                options.ValidIssuers.Add(issuer);
            }
        }

        options.DataProtectionProvider ??= dataProtection;
        options.StateDataFormat ??= new PropertiesDataFormat(
            options.DataProtectionProvider.CreateProtector("WorkOS.AspNetCore.AuthKit.State", name ?? string.Empty, "v1"));
        if (string.IsNullOrEmpty(options.CorrelationCookie.Name))
        {
            options.CorrelationCookie.Name = WorkOSAuthKitDefaults.PendingSignInCookieName;
        }

        SecureByDefaultCookieBuilder.RelaxForDevelopment(options.CorrelationCookie, environment?.IsDevelopment() == true);
    }
}
