using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>The data of <c>role.*</c> events: the environment role.</summary>
internal sealed record RoleEventDto(string Object, string Slug, string Name, IReadOnlyList<string> Permissions);

/// <summary>The WorkOS <c>directory_user</c> object, as <c>dsync.user.*</c> events carry it: <c>email</c>, and the older <c>emails</c> list.</summary>
internal sealed record DirectoryUserDto(
    string Object,
    string Id,
    string DirectoryId,
    string OrganizationId,
    string IdpId,
    string Email,
    IReadOnlyList<DirectoryUserEmailDto> Emails,
    string? FirstName,
    string? LastName,
    string Username,
    string State,
    SlugDto? Role,
    IReadOnlyDictionary<string, string> CustomAttributes,
    IReadOnlyDictionary<string, string> RawAttributes,
    string CreatedAt,
    string UpdatedAt);

/// <summary>An address of a directory user.</summary>
internal sealed record DirectoryUserEmailDto(bool Primary, string Type, string Value);

/// <summary>Serializes the data of the role and Directory Sync events the way WorkOS does.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(RoleEventDto))]
[JsonSerializable(typeof(DirectoryUserDto))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class EventDataJsonContext : JsonSerializerContext;
