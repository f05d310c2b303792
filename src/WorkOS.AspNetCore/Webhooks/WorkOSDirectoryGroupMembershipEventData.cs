using System.Text.Json.Serialization;

namespace WorkOS.AspNetCore.Webhooks;

/// <summary>The data of <c>dsync.group.user_added</c> and <c>dsync.group.user_removed</c>: the user and the group.</summary>
public sealed class WorkOSDirectoryGroupMembershipEventData
{
    /// <summary>The directory user added to or removed from the group.</summary>
    [JsonPropertyName("user")] public WorkOSDirectoryUserEventData User { get; init; } = new();

    /// <summary>The group.</summary>
    [JsonPropertyName("group")] public WorkOSDirectoryGroupEventData Group { get; init; } = new();
}
