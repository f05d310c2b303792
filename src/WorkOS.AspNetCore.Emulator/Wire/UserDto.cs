namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>The WorkOS <c>user</c> object.</summary>
internal sealed record UserDto(
    string Object,
    string Id,
    string Email,
    string? FirstName,
    string? LastName,
    bool EmailVerified,
    string? ProfilePictureUrl,
    string? LastSignInAt,
    string CreatedAt,
    string UpdatedAt);
