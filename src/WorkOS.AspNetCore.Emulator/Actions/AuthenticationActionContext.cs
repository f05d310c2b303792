using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.State;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Actions;

/// <summary>Builds the <c>authentication_action_context</c> of a sign-in from the emulator's data and the browser's request.</summary>
internal static class AuthenticationActionContext
{
    public static AuthenticationActionContextDto? Create(EmulatorCore core, HttpContext http, string userId, string? organizationId, string authenticationMethod)
    {
        if (core.Store.GetUser(userId) is not { } user)
        {
            return null;
        }

        var membership = organizationId is null ? null : core.Store.ListMemberships(userId, organizationId, []).FirstOrDefault();
        var organization = membership is null ? null : new ActionOrganizationDto("organization", membership.OrganizationId, membership.OrganizationName, false, [], null);
        return new AuthenticationActionContextDto(
            IdGenerator.NewId("action_context_", core.Time.GetUtcNow()),
            "authentication_action_context",
            user,
            organization,
            membership,
            authenticationMethod,
            http.Connection.RemoteIpAddress?.ToString(),
            http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
            null,
            core.Options.Issuer);
    }
}
