using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.State;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Actions;

/// <summary>Builds the <c>user_registration_action_context</c> of a sign-up from the form and the browser's request.</summary>
internal static class UserRegistrationActionContext
{
    public static UserRegistrationActionContextDto Create(EmulatorCore core, HttpContext http, string email, string? firstName, string? lastName,
        string authenticationMethod) =>
        new(
            IdGenerator.NewId("action_context_", core.Time.GetUtcNow()),
            "user_registration_action_context",
            new ActionUserDataDto("user_data", email, firstName, lastName),
            null,
            authenticationMethod,
            http.Connection.RemoteIpAddress?.ToString(),
            http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
            null);
}
