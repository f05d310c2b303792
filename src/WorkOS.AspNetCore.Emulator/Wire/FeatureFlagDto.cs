namespace WorkOS.AspNetCore.Emulator.Wire;

/// <summary>The WorkOS <c>feature_flag</c> object, as the feature-flag lists of users and organizations return it.</summary>
internal sealed record FeatureFlagDto(
    string Object,
    string Id,
    string Slug,
    string Name,
    string Description,
    IReadOnlyList<string> Tags,
    bool Enabled,
    bool DefaultValue,
    string CreatedAt,
    string UpdatedAt);
