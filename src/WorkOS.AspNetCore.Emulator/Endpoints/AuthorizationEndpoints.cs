using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.State;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// Fine-grained authorization: <c>POST /authorization/organization_memberships/{id}/check</c>, resources
/// (<c>GET /authorization/resources</c>, by id, by organization + type + external id) and a membership's role
/// assignments.
/// </summary>
internal static class AuthorizationEndpoints
{
    public static Task CheckAsync(HttpContext context, EmulatorCore core)
    {
        var membershipId = RouteValue(context, "membershipId");
        var fields = RequestFields.Get(context);
        if (fields.IsMalformed)
        {
            return Responses.InvalidParametersAsync(context, "The body must be a JSON object.");
        }

        var permission = fields["permission_slug"];
        var resourceId = fields["resource_id"];
        var externalId = fields["resource_external_id"];
        var typeSlug = fields["resource_type_slug"];
        if (permission is null)
        {
            return Responses.InvalidParametersAsync(context, "permission_slug is required.");
        }

        if (resourceId is not null && (externalId is not null || typeSlug is not null))
        {
            return Responses.InvalidParametersAsync(context, "Give either resource_id, or resource_external_id with resource_type_slug, not both.");
        }

        if (resourceId is null && (externalId is null || typeSlug is null))
        {
            return Responses.InvalidParametersAsync(context, "resource_id, or resource_external_id with resource_type_slug, is required.");
        }

        return core.Store.Check(membershipId, permission, resourceId, typeSlug, externalId) switch
        {
            CheckStatus.MembershipNotFound => Responses.NotFoundAsync(context, $"Organization membership not found: '{membershipId}'."),
            CheckStatus.ResourceNotFound => Responses.NotFoundAsync(context, resourceId is not null
                ? $"Resource not found: '{resourceId}'."
                : $"Resource not found: '{typeSlug}' '{externalId}'."),
            var status => Responses.JsonAsync(context, 200, new AuthorizationCheckDto(status == CheckStatus.Authorized),
                WireJsonContext.Default.AuthorizationCheckDto),
        };
    }

    public static Task ListResourcesAsync(HttpContext context, EmulatorCore core)
    {
        var query = context.Request.Query;
        if (!Pagination.TryParse(query, out var pagination, out var error))
        {
            return Responses.InvalidParametersAsync(context, error);
        }

        var filter = new ResourceFilter(
            List(query, "organization_ids", "organization_id"),
            List(query, "resource_type_slugs", "resource_type_slug"),
            NullIfEmpty(query["parent_resource_id"].ToString()),
            NullIfEmpty(query["parent_external_id"].ToString()),
            NullIfEmpty(query["parent_resource_type_slug"].ToString()),
            NullIfEmpty(query["search"].ToString()));
        var page = pagination.Apply(core.Store.ListResources(filter), r => r.Id);
        return page is null
            ? Responses.InvalidParametersAsync(context, "Unknown pagination cursor.")
            : Responses.JsonAsync(context, 200, page, WireJsonContext.Default.ListDtoResourceDto);
    }

    public static Task GetResourceAsync(HttpContext context, EmulatorCore core)
    {
        var resourceId = RouteValue(context, "resourceId");
        return core.Store.GetResource(resourceId) is { } resource
            ? Responses.JsonAsync(context, 200, resource, WireJsonContext.Default.ResourceDto)
            : Responses.NotFoundAsync(context, $"Resource not found: '{resourceId}'.");
    }

    public static Task GetResourceByExternalIdAsync(HttpContext context, EmulatorCore core)
    {
        var organizationId = RouteValue(context, "organizationId");
        var typeSlug = RouteValue(context, "resourceTypeSlug");
        var externalId = RouteValue(context, "externalId");
        return core.Store.GetResource(organizationId, typeSlug, externalId) is { } resource
            ? Responses.JsonAsync(context, 200, resource, WireJsonContext.Default.ResourceDto)
            : Responses.NotFoundAsync(context, $"Resource not found: '{typeSlug}' '{externalId}' in '{organizationId}'.");
    }

    public static Task ListRoleAssignmentsAsync(HttpContext context, EmulatorCore core)
    {
        var membershipId = RouteValue(context, "membershipId");
        if (!Pagination.TryParse(context.Request.Query, out var pagination, out var error))
        {
            return Responses.InvalidParametersAsync(context, error);
        }

        if (core.Store.ListRoleAssignments(membershipId) is not { } assignments)
        {
            return Responses.NotFoundAsync(context, $"Organization membership not found: '{membershipId}'.");
        }

        var page = pagination.Apply(assignments, a => a.Id);
        return page is null
            ? Responses.InvalidParametersAsync(context, "Unknown pagination cursor.")
            : Responses.JsonAsync(context, 200, page, WireJsonContext.Default.ListDtoRoleAssignmentDto);
    }

    private static string RouteValue(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? "";

    // organization_ids=a,b or organization_ids=a&organization_ids=b, or the singular name.
    private static HashSet<string> List(IQueryCollection query, string plural, string singular) =>
        query[plural].Concat(query[plural + "[]"]).Concat(query[singular])
            .SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
