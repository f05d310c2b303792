using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkOS.AspNetCore.Fga;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authorization;

/// <summary>
/// A fine-grained check catches only what a WorkOS call is expected to raise. An exception from the app's own code in
/// a check is a bug: it reaches the app's exception handling, and is neither dressed as a WorkOS outage (503) nor
/// as a refusal (403).
/// </summary>
public sealed class FgaAppExceptionTests
{
    private const string BobCheck = "/authorization/organization_memberships/om_bob_acme/check";
    private const string Memberships = "/user_management/organization_memberships";

    [Fact]
    public async Task A_bug_in_the_apps_resource_delegate_reaches_its_exception_handler_while_a_WorkOS_outage_stays_a_503()
    {
        var seen = new List<Exception>();
        await using var app = await AuthorizationTestApp.StartAsync(map: a =>
        {
            a.UseExceptionHandler(handler => handler.Run(context =>
            {
                seen.Add(context.Features.Get<IExceptionHandlerFeature>()!.Error);
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return context.Response.WriteAsync("the app's error page");
            }));

            // The app's own bug: ids shorter than 40 characters make Substring throw ArgumentOutOfRangeException.
            a.MapGet("/archive/{id}", (string id) => $"archived {id}")
                .RequireWorkOSCheck("report:view", ctx =>
                    WorkOSResource.TryFromExternalId("report", ctx.HttpContext.GetRouteValue("id")!.ToString()!.Substring(0, 40)));
        });
        using var bob = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await bob.SignInAsync("bob@acme.com")).StatusCode);

        var bug = await bob.GetAsync("/archive/q3-revenue");
        app.Emulator.InjectFault("POST", BobCheck, 503);
        var outage = await bob.GetAsync("/reports/q3-revenue");

        Assert.Equal(HttpStatusCode.InternalServerError, bug.StatusCode);
        Assert.Equal("the app's error page", await bug.Content.ReadAsStringAsync());
        Assert.IsType<ArgumentOutOfRangeException>(Assert.Single(seen));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, outage.StatusCode);
        Assert.Equal("application/problem+json", outage.Content.Headers.ContentType?.MediaType);
        Assert.Single(app.Logs.Entries, e => e.EventId.Id == 1303);
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id == 1309); // the bug was not taken for "no resource"
        Assert.Equal(1, app.Emulator.CountRequests("GET", Memberships)); // the broken endpoint asked WorkOS nothing
    }
}
