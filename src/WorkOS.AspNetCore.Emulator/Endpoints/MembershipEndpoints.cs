using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// <c>GET /user_management/organization_memberships?user_id=&amp;organization_id=&amp;statuses=</c>, paginated; active
/// memberships only unless <c>statuses</c> says otherwise.
/// </summary>
internal static class MembershipEndpoints
{
    public static Task ListAsync(HttpContext context, EmulatorCore core)
    {
        var query = context.Request.Query;
        var userId = NullIfEmpty(query["user_id"].ToString());
        var organizationId = NullIfEmpty(query["organization_id"].ToString());
        if (userId is null && organizationId is null)
        {
            return Responses.InvalidParametersAsync(context, "Either user_id or organization_id is required.");
        }

        if (!Pagination.TryParse(query, out var pagination, out var error))
        {
            return Responses.InvalidParametersAsync(context, error);
        }

        // statuses=active,pending or statuses=active&statuses=pending or statuses[]=active; only active ones by default,
        // as WorkOS lists them.
        var statuses = query["statuses"].Concat(query["statuses[]"])
            .SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);
        if (statuses.Count == 0)
        {
            statuses.Add("active");
        }

        var page = pagination.Apply(core.Store.ListMemberships(userId, organizationId, statuses), m => m.Id);
        return page is null
            ? Responses.InvalidParametersAsync(context, "Unknown pagination cursor.")
            : Responses.JsonAsync(context, 200, page, WireJsonContext.Default.ListDtoMembershipDto);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
