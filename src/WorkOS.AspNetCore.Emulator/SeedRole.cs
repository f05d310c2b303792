namespace WorkOS.AspNetCore.Emulator;

/// <summary>An environment role: a slug and the permissions it grants.</summary>
public sealed class SeedRole
{
    /// <summary>The role slug, as in the <c>role</c> and <c>roles</c> claims.</summary>
    public string Slug { get; set; } = "";

    /// <summary>The display name; the slug when missing.</summary>
    public string? Name { get; set; }

    /// <summary>The permission slugs the role grants (for example <c>posts:read</c>).</summary>
    public List<string> Permissions { get; set; } = [];
}
