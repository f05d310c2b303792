using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WorkOS.AspNetCore.Authentication;

namespace WorkOS.AspNetCore.Sso;

/// <summary>Fills in the client settings from <see cref="WorkOSClientOptions"/>, the state protector and, in Development, an http-friendly pending-sign-in cookie.</summary>
internal sealed class WorkOSSsoPostConfigureOptions(IDataProtectionProvider dataProtection, IOptionsMonitor<WorkOSClientOptions> client,
    IHostEnvironment? environment = null)
    : IPostConfigureOptions<WorkOSSsoOptions>
{
    public void PostConfigure(string? name, WorkOSSsoOptions options)
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
            options.ApiBaseUrl = settings.ApiBaseUrl;
            options.AllowHttpApiBaseUrl |= settings.AllowHttpApiBaseUrl;
        }

        options.DataProtectionProvider ??= dataProtection;

        // Its own purpose: a state issued by the AuthKit scheme (or another SSO scheme) never opens this one.
        options.StateDataFormat ??= new PropertiesDataFormat(
            options.DataProtectionProvider.CreateProtector("WorkOS.AspNetCore.Sso.State", name ?? string.Empty, "v1"));
        if (string.IsNullOrEmpty(options.CorrelationCookie.Name))
        {
            options.CorrelationCookie.Name = WorkOSSsoDefaults.PendingSignInCookieName;
        }

        SecureByDefaultCookieBuilder.RelaxForDevelopment(options.CorrelationCookie, environment?.IsDevelopment() == true);
    }
}
