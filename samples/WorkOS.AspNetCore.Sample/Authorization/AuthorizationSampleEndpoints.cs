using WorkOS.AspNetCore.Claims;

namespace WorkOS.AspNetCore.Sample.Authorization;

/// <summary>
/// Minimal API endpoints showing WorkOS authorization: a permission-named policy with no registration, an
/// entitlement, and a fine-grained check on a report. The Razor pages under Pages/Admin, Pages/Features and
/// Pages/Reports show the same with attributes; /Access shows what the signed-in user may do.
/// </summary>
public static class AuthorizationSampleEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">The app.</param>
    /// <returns>The app.</returns>
    public static IEndpointRouteBuilder MapAuthorizationSamples(this IEndpointRouteBuilder app)
    {
        // "posts:write" is not registered anywhere: names shaped like a permission become permission policies.
        app.MapPost("/api/posts", (PostInput input, HttpContext context) =>
                Results.Created($"/api/posts/{Guid.NewGuid():N}", new { input.Title, author = context.User.GetWorkOSUserId() }))
            .RequireAuthorization("posts:write");

        // Only organizations entitled to audit logs.
        app.MapGet("/api/audit-logs", () => Results.Ok(new[] { new { action = "report.viewed", actor = "bob@acme.com" } }))
            .RequireWorkOSEntitlement("audit-logs");

        // WorkOS decides, per report: a role on the report, on its folder, or across the organization.
        app.MapGet("/api/reports/{id}", (string id) =>
                SampleReports.All.TryGetValue(id, out var report) ? Results.Ok(report) : Results.NotFound())
            .RequireWorkOSCheck("report:view", resourceType: "report", resourceId: ctx => ctx.HttpContext.GetRouteValue("id")?.ToString());

        return app;
    }

    /// <summary>The body of <c>POST /api/posts</c>.</summary>
    /// <param name="Title">The post's title.</param>
    public sealed record PostInput(string Title);
}
