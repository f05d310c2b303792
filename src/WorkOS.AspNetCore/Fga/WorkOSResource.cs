namespace WorkOS.AspNetCore.Fga;

/// <summary>
/// A resource a fine-grained check asks about: either a WorkOS resource id (<c>authz_resource_...</c>), or the app's
/// own id of the resource (its external id) with the resource type slug.
/// </summary>
public sealed record WorkOSResource
{
    private WorkOSResource(string? id, string? resourceType, string? externalId)
    {
        Id = id;
        ResourceType = resourceType;
        ExternalId = externalId;
    }

    /// <summary>The WorkOS resource id, for the resource-id form; otherwise <see langword="null"/>.</summary>
    public string? Id { get; }

    /// <summary>The resource type slug (for example <c>report</c>), for the external-id form; otherwise <see langword="null"/>.</summary>
    public string? ResourceType { get; }

    /// <summary>The app's own id of the resource, for the external-id form; otherwise <see langword="null"/>.</summary>
    public string? ExternalId { get; }

    /// <summary>A resource by its WorkOS id.</summary>
    /// <param name="resourceId">The WorkOS resource id (<c>authz_resource_...</c>).</param>
    /// <returns>The resource.</returns>
    public static WorkOSResource FromId(string resourceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceId);
        return new WorkOSResource(resourceId, null, null);
    }

    /// <summary>A resource by the app's own id and its resource type.</summary>
    /// <param name="resourceType">The resource type slug, for example <c>report</c>.</param>
    /// <param name="externalId">The app's id of the resource, for example <c>q3-revenue</c>.</param>
    /// <returns>The resource.</returns>
    public static WorkOSResource FromExternalId(string resourceType, string externalId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceType);
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        return new WorkOSResource(null, resourceType, externalId);
    }

    /// <summary>Like <see cref="FromId"/>, but <see langword="null"/> when <paramref name="resourceId"/> is null or blank.</summary>
    /// <param name="resourceId">The WorkOS resource id, or nothing.</param>
    /// <returns>The resource, or <see langword="null"/>.</returns>
    public static WorkOSResource? TryFromId(string? resourceId) =>
        string.IsNullOrWhiteSpace(resourceId) ? null : FromId(resourceId);

    /// <summary>Like <see cref="FromExternalId"/>, but <see langword="null"/> when <paramref name="externalId"/> is null or blank.</summary>
    /// <param name="resourceType">The resource type slug.</param>
    /// <param name="externalId">The app's id of the resource, or nothing.</param>
    /// <returns>The resource, or <see langword="null"/>.</returns>
    public static WorkOSResource? TryFromExternalId(string resourceType, string? externalId) =>
        string.IsNullOrWhiteSpace(externalId) ? null : FromExternalId(resourceType, externalId);

    /// <summary>The resource as <c>id</c> or <c>type:external id</c>, for logs.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Id ?? $"{ResourceType}:{ExternalId}";
}
