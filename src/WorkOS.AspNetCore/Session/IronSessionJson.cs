using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Session;

/// <summary>
/// The session JSON the Node libraries of WorkOS seal in <c>wos-session</c>: authkit-nextjs writes <c>accessToken</c>,
/// <c>refreshToken</c>, <c>user</c> and <c>impersonator</c>; <c>@workos-inc/node</c>'s sealed sessions add
/// <c>organizationId</c> and <c>authenticationMethod</c>. <c>authenticationProperties</c> is this library's own (the
/// cookie handler's issue time, persistence and the app's items); the Node libraries ignore it and drop it when they
/// re-seal, and a session without it reads as persistent with no issue time.
/// </summary>
internal sealed class IronSessionData
{
    [JsonPropertyName("accessToken")] public string? AccessToken { get; set; }

    [JsonPropertyName("refreshToken")] public string? RefreshToken { get; set; }

    [JsonPropertyName("user")] public IronSessionUser? User { get; set; }

    [JsonPropertyName("impersonator")] public IronSessionImpersonator? Impersonator { get; set; }

    [JsonPropertyName("organizationId")] public string? OrganizationId { get; set; }

    [JsonPropertyName("authenticationMethod")] public string? AuthenticationMethod { get; set; }

    [JsonPropertyName("authenticationProperties")] public Dictionary<string, string?>? AuthenticationProperties { get; set; }
}

/// <summary>The user as <c>@workos-inc/node</c> deserializes it (camelCase); the fields this library reads and writes.</summary>
internal sealed class IronSessionUser
{
    [JsonPropertyName("object")] public string? Object { get; set; }

    [JsonPropertyName("id")] public string? Id { get; set; }

    [JsonPropertyName("email")] public string? Email { get; set; }

    [JsonPropertyName("emailVerified")] public bool? EmailVerified { get; set; }

    [JsonPropertyName("firstName")] public string? FirstName { get; set; }

    [JsonPropertyName("lastName")] public string? LastName { get; set; }

    [JsonPropertyName("profilePictureUrl")] public string? ProfilePictureUrl { get; set; }
}

/// <summary>The dashboard user impersonating the signed-in user.</summary>
internal sealed class IronSessionImpersonator
{
    [JsonPropertyName("email")] public string? Email { get; set; }

    [JsonPropertyName("reason")] public string? Reason { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IronSessionData))]
internal sealed partial class IronSessionJsonContext : JsonSerializerContext;
