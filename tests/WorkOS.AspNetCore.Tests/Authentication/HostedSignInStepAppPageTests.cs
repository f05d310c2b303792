using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.SignIn;
using WorkOS.AspNetCore.Tests.Infrastructure;

namespace WorkOS.AspNetCore.Tests.Authentication;

/// <summary>
/// With <c>SignInStepPath</c> set, a hosted sign-in that needs a further step goes to the app's own page with the step,
/// and the page finishes it through <see cref="WorkOSSignInManager"/>; the built-in page is not served.
/// </summary>
public sealed class HostedSignInStepAppPageTests
{
    private const string StepPage = "/account/sign-in-step";

    /// <summary>The app's step page: it posts the step it was given and the organization the user picked to the manager.</summary>
    private static void MapStepPage(WebApplication app)
    {
        // What the page shows: the step read back, never completed, by GET.
        app.MapGet(StepPage, (HttpContext context, WorkOSSignInManager signIn) =>
        {
            var result = signIn.GetStep(context, context.Request.Query["step"].ToString());
            return Results.Text($"{result.Status} {result.ErrorCode} {result.ReturnUrl} " + string.Join(",", result.Organizations.Select(o => o.Id + "=" + o.Name)));
        });
        app.MapPost(StepPage, async (HttpContext context, WorkOSSignInManager signIn) =>
        {
            var form = await context.Request.ReadFormAsync();
            var result = await signIn.SelectOrganizationAsync(context, form["step"].ToString(), form["organization_id"].ToString());
            return result.Succeeded
                ? Results.LocalRedirect(result.ReturnUrl ?? "/")
                : Results.Text($"{result.Status} {result.ErrorCode}", statusCode: StatusCodes.Status400BadRequest);
        }).DisableAntiforgery();
    }

    [Fact]
    public async Task A_user_with_two_organizations_is_sent_to_the_apps_page_with_the_step_and_lands_signed_in_to_the_one_chosen()
    {
        await using var app = await AuthKitTestApp.StartAsync(o => o.SignInStepPath = StepPage, map: MapStepPage);
        using var browser = app.CreateBrowser();

        var callback = await browser.SignInUntilStepAsync(app, "alice@acme.com", EmulatorAuthenticationError.OrganizationSelectionRequired);

        Assert.Equal(HttpStatusCode.SeeOther, callback.StatusCode);
        var stepUrl = browser.Location(callback);
        Assert.Equal(StepPage, stepUrl.AbsolutePath);
        var step = HttpAssertions.Query(stepUrl)["step"].ToString();
        Assert.NotEmpty(step);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"{HostedSignInStepPage.BuiltInPath}?step={Uri.EscapeDataString(step)}")).StatusCode);

        var chosen = await browser.PostFormAsync(StepPage, new Dictionary<string, string> { ["step"] = step, ["organization_id"] = "org_globex" });

        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal(HostedSignInStepPage.ReturnUrl, browser.Location(chosen).PathAndQuery);
        Assert.Equal(["org_globex"], (await browser.ClaimsAsync())["org_id"]);
    }

    [Fact]
    public async Task The_apps_page_reads_the_step_to_offer_the_organizations_and_another_browser_cannot_read_it()
    {
        await using var app = await AuthKitTestApp.StartAsync(o => o.SignInStepPath = StepPage, map: MapStepPage);
        using var browser = app.CreateBrowser();
        using var other = app.CreateBrowser();
        var callback = await browser.SignInUntilStepAsync(app, "alice@acme.com", EmulatorAuthenticationError.OrganizationSelectionRequired);
        var stepUrl = browser.Location(callback).PathAndQuery;
        var requestsBefore = app.Emulator.Requests.Count;

        var shown = await (await browser.GetAsync(stepUrl)).Content.ReadAsStringAsync();
        var elsewhere = await (await other.GetAsync(stepUrl)).Content.ReadAsStringAsync();

        Assert.StartsWith($"RequiresOrganizationSelection  {HostedSignInStepPage.ReturnUrl} ", shown);
        Assert.Contains("org_acme=Acme Corp", shown);
        Assert.Contains("org_globex=Globex", shown);
        Assert.StartsWith("Failed step_invalid", elsewhere);
        Assert.Equal(requestsBefore, app.Emulator.Requests.Count); // reading a step never calls WorkOS
    }

    [Fact]
    public async Task The_apps_step_page_is_found_under_the_path_base()
    {
        await using var app = await AuthKitTestApp.StartAsync(o => o.SignInStepPath = StepPage, map: MapStepPage, pathBase: "/portal");
        using var browser = app.CreateBrowser(new Uri("http://localhost/portal/"));
        app.Emulator.FailAuthentication("alice@acme.com", EmulatorAuthenticationError.OrganizationSelectionRequired);

        var challenge = await browser.GetAsync("/portal/protected");
        var toCallback = await browser.GetAsync(browser.Location(challenge) + "&login_hint=alice%40acme.com");
        var callback = await browser.GetAsync(browser.Location(toCallback).PathAndQuery);

        Assert.Equal(HttpStatusCode.SeeOther, callback.StatusCode);
        Assert.Equal("/portal" + StepPage, browser.Location(callback).AbsolutePath);
    }
}
