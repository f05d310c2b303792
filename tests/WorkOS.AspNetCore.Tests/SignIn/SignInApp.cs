using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.SignIn;

/// <summary>
/// An AuthKit app with the custom sign-in pages of <see cref="SignInPages"/>. Requests reach it from
/// <see cref="ClientAddress"/> (as a forwarded-headers middleware behind a proxy would set it).
/// </summary>
public static class SignInApp
{
    public static readonly IPAddress ClientAddress = IPAddress.Parse("203.0.113.7");

    public static Task<AuthKitTestApp> StartAsync(Action<WorkOSAuthKitOptions>? configure = null,
        Action<WorkOSEmulatorOptions>? configureEmulator = null, Action<IServiceCollection>? services = null) =>
        AuthKitTestApp.StartAsync(configure, configureEmulator, services, map: app =>
        {
            app.Use((context, next) =>
            {
                context.Connection.RemoteIpAddress = ClientAddress;
                return next(context);
            });
            SignInPages.Map(app);
        });
}
