using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Tests.Infrastructure;
using WorkOS.AspNetCore.Widgets;

namespace WorkOS.AspNetCore.Tests.Widgets;

/// <summary>
/// The AuthKit test app with the page a widget renders from: <c>GET /widget-token?scope=...</c> answers the token
/// (200) or the failure's name (409). The emulator's seed has <c>dave@example.com</c> added, with no organization.
/// </summary>
internal static class WidgetTestApp
{
    public const string TokenPath = "/widget-token";

    public static Task<AuthKitTestApp> StartAsync(Action<WorkOSEmulatorOptions>? configureEmulator = null) =>
        AuthKitTestApp.StartAsync(
            configureEmulator: options =>
            {
                options.Seed.AddUser("dave@example.com", "Dave", "Nobody", "user_dave");
                configureEmulator?.Invoke(options);
            },
            map: app => app.MapGet(TokenPath, async (HttpContext context) =>
            {
                try
                {
                    return Results.Text(await context.GetWorkOSWidgetTokenAsync(context.Request.Query["scope"].Select(s => s!)));
                }
                catch (WorkOSWidgetTokenException ex)
                {
                    return Results.Text(ex.Failure.ToString(), statusCode: StatusCodes.Status409Conflict);
                }
            }));

    public static string TokenUrl(params string[] scopes) =>
        TokenPath + "?" + string.Join("&", scopes.Select(s => "scope=" + Uri.EscapeDataString(s)));
}
