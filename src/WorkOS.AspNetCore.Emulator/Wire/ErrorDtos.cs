using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>An OAuth-style error: <c>{"error":"invalid_grant","error_description":"..."}</c>.</summary>
internal sealed record OAuthErrorDto(string Error, string ErrorDescription);

/// <summary>A WorkOS-style error: <c>{"code":"...","message":"..."}</c>.</summary>
internal sealed record WorkOSErrorDto(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code,
    string Message);
