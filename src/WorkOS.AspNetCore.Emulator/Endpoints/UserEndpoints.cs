using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary><c>GET /user_management/users/{id}</c>.</summary>
internal static class UserEndpoints
{
    public static Task GetAsync(HttpContext context, EmulatorCore core)
    {
        var userId = context.Request.RouteValues["userId"] as string ?? "";
        return core.Store.GetUser(userId) is { } user
            ? Responses.JsonAsync(context, 200, user, WireJsonContext.Default.UserDto)
            : Responses.NotFoundAsync(context, $"User not found: '{userId}'.");
    }
}
