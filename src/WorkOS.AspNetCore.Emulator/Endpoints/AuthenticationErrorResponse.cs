using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.State;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// Writes an authentication error of <c>POST /user_management/authenticate</c> in the shape WorkOS's API reference
/// shows for it: <c>{code, message, pending_authentication_token, ...}</c>, or <c>{error, error_description, ...}</c>
/// for <c>sso_required</c>.
/// </summary>
internal static class AuthenticationErrorResponse
{
    public static async Task WriteAsync(HttpContext context, AuthenticationChallenge challenge)
    {
        var user = JsonSerializer.SerializeToNode(challenge.User, WireJsonContext.Default.UserDto);
        var pendingToken = challenge.PendingToken;
        var (status, body) = challenge.Error switch
        {
            EmulatorAuthenticationError.EmailVerificationRequired => (StatusCodes.Status403Forbidden, new JsonObject
            {
                ["code"] = "email_verification_required",
                ["message"] = "Email ownership must be verified before authentication.",
                ["pending_authentication_token"] = pendingToken,
                ["email"] = challenge.User.Email,
                ["email_verification_id"] = challenge.EmailVerificationId,
            }),
            EmulatorAuthenticationError.MfaEnrollment => (StatusCodes.Status403Forbidden, new JsonObject
            {
                ["code"] = "mfa_enrollment",
                ["message"] = "The user must enroll in MFA to finish authenticating.",
                ["pending_authentication_token"] = pendingToken,
                ["user"] = user,
            }),
            EmulatorAuthenticationError.MfaChallenge => (StatusCodes.Status403Forbidden, new JsonObject
            {
                ["code"] = "mfa_challenge",
                ["message"] = "The user must complete an MFA challenge to finish authenticating.",
                ["pending_authentication_token"] = pendingToken,
                ["authentication_factors"] = new JsonArray([.. (challenge.Factors ?? []).Select(f => (JsonNode)new JsonObject { ["id"] = f.Id, ["type"] = f.Type })]),
                ["user"] = user,
            }),
            EmulatorAuthenticationError.OrganizationSelectionRequired => (StatusCodes.Status403Forbidden, new JsonObject
            {
                ["code"] = "organization_selection_required",
                ["message"] = "The user must choose an organization to finish their authentication.",
                ["pending_authentication_token"] = pendingToken,
                ["organizations"] = new JsonArray([.. challenge.Organizations.Select(o => (JsonNode)new JsonObject { ["id"] = o.Id, ["name"] = o.Name })]),
                ["user"] = user,
            }),
            _ => (StatusCodes.Status400BadRequest, new JsonObject
            {
                ["error"] = "sso_required",
                ["error_description"] = "User must authenticate using one of the matching connections.",
                ["connection_ids"] = new JsonArray([.. challenge.Organizations.Select(o => (JsonNode)JsonValue.Create("conn_emulator_" + o.Id)!)]),
            }),
        };

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
