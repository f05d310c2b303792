using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>The body of a successful <c>POST /user_management/authenticate</c>.</summary>
internal sealed record AuthenticateResponseDto(
    UserDto User,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OrganizationId,
    string AccessToken,
    string RefreshToken,
    string AuthenticationMethod,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImpersonatorDto? Impersonator = null);

/// <summary>The dashboard user impersonating the signed-in user.</summary>
internal sealed record ImpersonatorDto(string Email, string? Reason);
