using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator.Hosting;
using WorkOS.AspNetCore.Emulator.Wire;

namespace WorkOS.AspNetCore.Emulator.Endpoints;

/// <summary>
/// <c>GET /user_management/users/{id}/feature-flags</c> (the user's own flags and those of the user's
/// organizations) and <c>GET /organizations/{id}/feature-flags</c>, paginated.
/// </summary>
internal static class FeatureFlagEndpoints
{
    public static Task ListForUserAsync(HttpContext context, EmulatorCore core)
    {
        var userId = context.Request.RouteValues["userId"] as string ?? "";
        return ListAsync(context, core.Store.FeatureFlagsOfUser(userId), $"User not found: '{userId}'.");
    }

    public static Task ListForOrganizationAsync(HttpContext context, EmulatorCore core)
    {
        var organizationId = context.Request.RouteValues["organizationId"] as string ?? "";
        return ListAsync(context, core.Store.FeatureFlagsOfOrganization(organizationId), $"Organization not found: '{organizationId}'.");
    }

    private static Task ListAsync(HttpContext context, IReadOnlyList<FeatureFlagDto>? flags, string notFound)
    {
        if (flags is null)
        {
            return Responses.NotFoundAsync(context, notFound);
        }

        if (!Pagination.TryParse(context.Request.Query, out var pagination, out var error))
        {
            return Responses.InvalidParametersAsync(context, error);
        }

        var page = pagination.Apply(flags, f => f.Id);
        return page is null
            ? Responses.InvalidParametersAsync(context, "Unknown pagination cursor.")
            : Responses.JsonAsync(context, 200, page, WireJsonContext.Default.ListDtoFeatureFlagDto);
    }
}
