namespace WorkOS.AspNetCore.Emulator;

/// <summary>A user's membership in an organization.</summary>
public sealed class SeedMembership
{
    /// <summary>The membership id (<c>om_...</c>); generated when missing.</summary>
    public string? Id { get; set; }

    /// <summary>The member: a user id, or the user's email address.</summary>
    public string UserId { get; set; } = "";

    /// <summary>The organization id.</summary>
    public string OrganizationId { get; set; } = "";

    /// <summary>The role slugs, the first being the primary <c>role</c>; <c>member</c> when empty.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>The status: <c>active</c> (default), <c>inactive</c> or <c>pending</c>. Only active memberships sign in.</summary>
    public string Status { get; set; } = "active";
}
